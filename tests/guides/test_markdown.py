from guides.markdown import markdown_to_text, render_markdown


def test_scripts_are_removed_with_their_content():
    html = str(render_markdown("Hello <script>alert('x')</script> world").html)
    assert "<script" not in html
    assert "alert" not in html


def test_inline_styles_and_event_handlers_are_removed():
    html = str(render_markdown('<p style="color:red" onclick="steal()">Text</p>').html)
    assert "style=" not in html
    assert "onclick" not in html
    assert "Text" in html


def test_javascript_links_lose_their_address():
    html = str(render_markdown("[click](javascript:alert(1))").html)
    assert "javascript:" not in html


def test_http_mailto_and_relative_links_are_kept():
    html = str(
        render_markdown(
            "[a](https://www.skatteverket.se/) [b](mailto:x@example.org) [c](/en/guides/)"
        ).html
    )
    assert 'href="https://www.skatteverket.se/"' in html
    assert 'href="mailto:x@example.org"' in html
    assert 'href="/en/guides/"' in html


def test_images_and_iframes_are_not_allowed():
    html = str(render_markdown('<img src="x" onerror="a()"><iframe src="https://x"></iframe>').html)
    assert "<img" not in html
    assert "<iframe" not in html


def test_headings_get_unique_ids_for_the_on_this_page_navigation():
    rendered = render_markdown("## Before you go\n\ntext\n\n## Before you go\n\n### Detail")
    html = str(rendered.html)
    assert '<h2 id="before-you-go">' in html
    assert '<h2 id="before-you-go_1">' in html
    assert '<h3 id="detail">' in html
    assert [h.anchor for h in rendered.headings] == ["before-you-go", "before-you-go_1"]


def test_heading_ids_keep_the_letters_of_the_texts_language():
    rendered = render_markdown("## Före flytten\n\n## الوثائق المطلوبة")
    assert [(h.anchor, h.text) for h in rendered.headings] == [
        ("före-flytten", "Före flytten"),
        ("الوثائق-المطلوبة", "الوثائق المطلوبة"),
    ]


def test_an_id_written_in_raw_html_is_dropped():
    html = str(render_markdown('<h2 id="feedback">Mine</h2>\n\n<p id="x">text</p>').html)
    assert "id=" not in html
    assert "Mine" in html


def test_the_navigation_lists_level_two_headings_with_their_plain_text():
    rendered = render_markdown("## Bank & *BankID*\n\n### Detail\n\n##### Small")
    assert [h.text for h in rendered.headings] == ["Bank & BankID"]
    assert '<h4 id="small">Small</h4>' in str(rendered.html)


def test_a_level_one_heading_becomes_level_two_because_the_page_has_its_own_h1():
    html = str(render_markdown("# Title").html)
    assert "<h1" not in html
    assert '<h2 id="title">Title</h2>' in html


def test_tables_and_lists_are_rendered():
    html = str(render_markdown("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |").html)
    assert "<ul>" in html
    assert "<table>" in html


def test_plain_text_has_no_markup():
    assert markdown_to_text("## Personnummer\n\nVisit **Skatteverket**.") == (
        "Personnummer Visit Skatteverket."
    )
