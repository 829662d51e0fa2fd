from django.db import migrations, models

# The demo content once labelled every metric with a target "anticipatory", though no source
# gives the plan's kinds (its table of main indicators was not found): its two indicators.
DEMO_INDICATORS = ("friendship-cities", "international-conferences")


def forwards(apps, schema_editor):
    """The demo's two indicators go back to "not given by a source", in the record and in its
    revisions (the admin edits the latest revision)."""
    Metric = apps.get_model("plans", "Metric")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    metrics = Metric.objects.filter(slug__in=DEMO_INDICATORS, kind="anticipatory")
    ids = [str(pk) for pk in metrics.values_list("pk", flat=True)]
    if not ids:
        return
    metrics.update(kind="other")
    content_type = ContentType.objects.filter(app_label="plans", model="metric").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(base_content_type=content_type, object_id__in=ids):
        if revision.content.get("kind") == "anticipatory":
            revision.content["kind"] = "other"
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('plans', '0007_orderables_keep_their_saved_order'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='metric',
            name='kind',
            field=models.CharField(choices=[('binding', 'Binding indicator'), ('anticipatory', 'Anticipatory indicator'), ('other', 'Not given by a source')], default='other', help_text='Binding or anticipatory only where the plan or another source says so; otherwise “not given by a source”, and the page shows no kind.', max_length=20, verbose_name='kind'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
