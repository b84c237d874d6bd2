"""The Word pipeline: print HTML to .docx (headings, lists, tables, emphasis), and the council's replaceable
template (checked on upload in the admin, used for every copy, a damaged one never breaks a download)."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import storage, word, word_templates
from documents.models import WordTemplate

from ..factories import UserFactory
from ..support.word import docx_outline

PRINT_HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Test paper</title>
<style>p { color: red }</style></head><body>
<h1>Business plan</h1>
<p>Plain <strong>bold</strong> and <em>italic</em>,
   <ins>added words</ins> <del>removed words</del>.<br>Second line.</p>
<section><h2>A. Role/purpose</h2>
<ul><li>First point</li><li>Second <b>point</b></li></ul>
<ol><li>Numbered</li></ol>
<svg><text>drawing text</text></svg><p hidden>hidden text</p>
<table><caption>Resources</caption>
<thead><tr><th scope="col">Unit</th><th scope="col" colspan="2">Money</th></tr></thead>
<tbody><tr><th scope="row" rowspan="2">HR</th><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody>
</table></section>
<table><tr><th>Subject:</th><td><h1 class="subject">Heading in a cell</h1></td></tr></table>
</body></html>"""


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def styled(document, prefix: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(prefix)]


def test_headings_paragraphs_and_lists_keep_their_structure():
    """h1/h2 become Word headings, lists use Word's list styles, hidden text, styles and drawings are left out."""
    document = opened(word.html_to_docx(PRINT_HTML))
    assert document.core_properties.title == "Test paper"
    assert styled(document, "Heading 1") == ["Business plan"]
    assert styled(document, "Heading 2") == ["A. Role/purpose"]
    assert styled(document, "List Bullet") == ["First point", "Second point"]
    assert styled(document, "List Number") == ["Numbered"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "hidden text" not in text
    assert "drawing text" not in text
    assert "color: red" not in text


def test_emphasis_insertions_deletions_and_line_breaks_are_kept():
    """Bold, italic, inserted (underlined) and deleted (struck through) words; <br> is a line break; spaces collapse."""
    document = opened(word.html_to_docx(PRINT_HTML))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Plain"))
    runs = {run.text.strip(): run for run in paragraph.runs if run.text.strip()}
    assert runs["bold"].bold
    assert not runs["Plain"].bold
    assert runs["italic"].italic
    assert runs["added words"].underline
    assert runs["removed words"].font.strike
    # python-docx reads a <w:br/> line break as "\n"; the source's own line breaks were only spaces.
    assert paragraph.text == "Plain bold and italic, added words removed words.\nSecond line."
    assert [run.text for run in paragraph.runs if run._r.br_lst] == ["\n"]


def test_tables_keep_caption_header_rows_and_merged_cells():
    """The caption is a Caption paragraph before the table; header rows repeat on each page; spans are merged."""
    data = word.html_to_docx(PRINT_HTML)
    document = opened(data)
    assert styled(document, "Caption") == ["Resources"]
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Unit", "Money", "Money"]
    assert [cell.text for cell in table.rows[1].cells] == ["HR", "1", "2"]
    assert [cell.text for cell in table.rows[2].cells] == ["HR", "3", "4"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert docx_outline(data).tables == [("table", "resources", 3), ("table", "", 1)]


def test_a_heading_inside_a_table_cell_stays_a_heading():
    """The cover report's subject is an h1 inside its fields table: a Heading 1 paragraph in the cell."""
    document = opened(word.html_to_docx(PRINT_HTML))
    cell = document.tables[1].rows[0].cells[1]
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [("Heading 1", "Heading in a cell")]


def test_an_oversized_document_is_refused():
    with pytest.raises(word.DocumentTooLarge):
        word.html_to_docx("x" * (word.MAX_HTML_BYTES + 1))


# The council's template ------------------------------------------------------------------------------------------


def letterhead(*, header: str = "Kent County Council letterhead", body: str = "Sample text to remove") -> bytes:
    """A .docx made as a council would: a header (the letterhead) and some sample text in the body."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.add_paragraph(body)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def with_part(data: bytes, name: str, content: bytes = b"x", *, content_type: str | None = None) -> bytes:
    """``data`` (a .docx) with one more part, and optionally a changed main content type."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if content_type and item.filename == "[Content_Types].xml":
                payload = payload.replace(word_templates.DOCUMENT_TYPE.encode(), content_type.encode())
            target.writestr(item, payload)
        if name:
            target.writestr(name, content)
    return output.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"%PDF-1.7 not a zip", "not_docx", id="not a zip"),
        pytest.param(with_part(letterhead(), "word/vbaProject.bin"), "macros", id="VBA project"),
        pytest.param(with_part(letterhead(), "word/activeX/activeX1.bin"), "macros", id="ActiveX control"),
        pytest.param(
            with_part(letterhead(), "", content_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
            "macros",
            id="macro-enabled .docm",
        ),
        pytest.param(
            with_part(
                letterhead(),
                "",
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            ),
            "not_docx",
            id=".dotx template",
        ),
        pytest.param(with_part(letterhead(), "../evil.txt"), "damaged", id="path leaving the archive"),
        pytest.param(with_part(letterhead(), "word/big.xml", b"0" * (51 * 1024 * 1024)), "too_big", id="zip bomb"),
    ],
)
def test_an_upload_that_is_not_a_plain_docx_is_refused(data, code):
    """Macros, ActiveX, .docm/.dotx, other files renamed, escaping paths and zip bombs are refused with a message."""
    with pytest.raises(ValidationError) as refused:
        word_templates.template_check(data)
    assert refused.value.code == code


def test_an_openxml_spreadsheet_renamed_docx_is_refused():
    """A zip that is not a Word document (here a workbook) is refused as not a .docx."""
    from openpyxl import Workbook

    output = io.BytesIO()
    Workbook().save(output)
    with pytest.raises(ValidationError) as refused:
        word_templates.template_check(output.getvalue())
    assert refused.value.code in {"not_docx", "damaged"}


@pytest.mark.django_db
def test_copies_use_the_active_template_letterhead_without_its_sample_text():
    """With a template active, each copy keeps its header (letterhead) and styles and drops its body text."""
    word_templates.word_template_create(name="Letterhead 2027", data=letterhead())
    document = opened(word.html_to_docx(PRINT_HTML, template=word_templates.active_template_bytes()))
    assert document.sections[0].header.paragraphs[0].text == "Kent County Council letterhead"
    assert "Sample text to remove" not in "\n".join(p.text for p in document.paragraphs)
    assert styled(document, "Heading 1") == ["Business plan"]


@pytest.mark.django_db
def test_making_a_template_active_retires_the_previous_one_and_a_damaged_file_falls_back():
    """One active template at a time; if its stored file is damaged the default template is used, never a 500."""
    first = word_templates.word_template_create(name="Old", data=letterhead(header="Old letterhead"))
    second = word_templates.word_template_create(name="New", data=letterhead(header="New letterhead"))
    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    assert b"New letterhead" in zipfile.ZipFile(io.BytesIO(word_templates.active_template_bytes())).read(
        "word/header1.xml"
    )
    storage.save(second.file_name, b"tampered")
    assert word_templates.active_template_bytes() is None
    assert opened(word.html_to_docx(PRINT_HTML, template=None)).paragraphs


@pytest.mark.django_db
def test_the_admin_refuses_a_macro_document_next_to_the_field_and_accepts_a_docx(client):
    """Uploading in the admin: a .docm is refused with the message at the field and nothing stored; a .docx is
    stored in private storage and made active."""
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:documents_wordtemplate_add")
    bad = with_part(letterhead(), "word/vbaProject.bin")
    response = client.post(
        url, {"name": "Macro", "is_active": "on", "upload": SimpleUploadedFile("letterhead.docm", bad)}
    )
    assert response.status_code == 200
    assert word_templates.HAS_MACROS in response.content.decode()
    assert WordTemplate.objects.count() == 0
    assert not list(storage.iterate(word_templates.FOLDER))

    good = letterhead()  # once: a .docx made twice differs in its zip timestamps
    response = client.post(
        url, {"name": "Letterhead", "is_active": "on", "upload": SimpleUploadedFile("letterhead.docx", good)}
    )
    assert response.status_code == 302
    template = WordTemplate.objects.get()
    assert template.is_active
    assert template.original_name == "letterhead.docx"
    assert template.uploaded_by == admin
    assert storage.verified_bytes(name=template.file_name, checksum=template.checksum) == good

    client.post(reverse("admin:documents_wordtemplate_delete", args=[template.pk]), {"post": "yes"})
    assert not WordTemplate.objects.exists()
