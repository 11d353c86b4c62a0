from modeltranslation.translator import TranslationOptions, register

from guides.models import AuthorityLink, Guide, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("sv", "en")


@register(Guide)
class GuideTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("sv",)


@register(AuthorityLink)
class AuthorityLinkTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = ("sv",)
