# Reply templates for the triage desk.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enquiries', '0004_employer_enquiries'),
        ('portal', '0004_move_events_to_their_app'),
        ('relocation', '0012_move_enquiries_to_their_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReplyTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=120, verbose_name='title')),
                ('title_sv', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_de', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_es', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_pl', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_uk', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_ar', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('title_fa', models.CharField(max_length=120, null=True, verbose_name='title')),
                ('text', models.TextField(max_length=5000, verbose_name='text')),
                ('text_sv', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_en', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_de', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_es', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_pl', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_uk', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_ar', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('text_fa', models.TextField(max_length=5000, null=True, verbose_name='text')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'reply template',
                'verbose_name_plural': 'reply templates',
                'ordering': ['title', 'id'],
            },
        ),
        migrations.AddField(
            model_name='replytemplate',
            name='organisation',
            field=models.ForeignKey(blank=True, help_text='Leave empty to offer the template to every organisation.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reply_templates', to='portal.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='replytemplate',
            name='topic',
            field=models.ForeignKey(blank=True, help_text='Leave empty to offer the template for every topic.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reply_templates', to='relocation.topic', verbose_name='topic'),
        ),
        migrations.AddIndex(
            model_name='replytemplate',
            index=models.Index(fields=['organisation', 'topic'], name='replytemplate_org_topic'),
        ),
    ]
