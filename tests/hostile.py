"""Hostile workbooks built in the test itself: a minimal ``.xlsx`` or ``.ods`` around XML the test writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

_HEADER = ("编号", "任务名称", "牵头处室", "阶段", "完成时限")
_ROW = ("T1", "制定方案", "政策法规处", "1", "2021-03-31")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def plan_rows() -> str:
    """The header and one task as ``<row>`` elements (rows 1 and 2)."""
    cells = ["".join(_inline(f"{chr(65 + i)}{n}", v) for i, v in enumerate(values))
             for n, values in ((1, _HEADER), (2, _ROW))]
    return "".join(f'<row r="{n}">{c}</row>' for n, c in enumerate(cells, start=1))


def xlsx(path: Path, rows: str = "", *, dimension: str = "A1:E2", shared: str | None = None,
         styles: str | None = None) -> Path:
    """A one-sheet workbook whose sheetData is the plan's two rows followed by ``rows``."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{plan_rows()}{rows}</sheetData>'
             "</worksheet>")
    extra_types = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sharedStrings+xml"/>') if shared is not None else ""
    extra_types += ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.styles+xml"/>') if styles is not None else ""
    extra_rels = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  'relationships/sharedStrings" Target="sharedStrings.xml"/>') if shared is not None else ""
    extra_rels += ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/styles" Target="styles.xml"/>') if styles is not None else ""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.worksheet+xml"/>{extra_types}</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="任务" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{extra_rels}</Relationships>'),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    if styles is not None:
        parts["xl/styles.xml"] = styles
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in parts.items():
            out.writestr(name, text)
    return path


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_cell(value: str = "", *, attrs: str = "") -> str:
    """One ODS cell: a string value (blank when empty) with extra attributes."""
    if not value:
        return f"<table:table-cell {attrs}/>"
    return (f'<table:table-cell office:value-type="string" {attrs}><text:p>{value}</text:p>'
            "</table:table-cell>")


def ods_plan_rows() -> str:
    """The header and one task as ODS rows."""
    return "".join("<table:table-row>" + "".join(ods_cell(v) for v in values) + "</table:table-row>"
                   for values in (_HEADER, _ROW))


def ods(path: Path, rows: str = "", *, extra: dict[str, bytes] | None = None, whole: str | None = None) -> Path:
    """A one-sheet OpenDocument spreadsheet: the plan's two rows followed by ``rows`` (or ``whole`` as the table)."""
    table = whole if whole is not None else ods_plan_rows() + rows
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="任务">{table}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
                ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("META-INF/manifest.xml", manifest)
        out.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path
