from modeltranslation.translator import TranslationOptions, register

from enquiries.models import ReplyTemplate


@register(ReplyTemplate)
class ReplyTemplateTranslationOptions(TranslationOptions):
    fields = ("title", "text")
    required_languages = ("sv",)
