"""Reading ledger files: every format offices send, and every file that must be refused with one
Chinese sentence (limits, zip bombs, entity bombs, files that are not what their name says).

Files are built in each test the way Excel, WPS and office systems write them."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook

from db.importing.read import LedgerReadError, read_rows
from db.importing.readers import biff, html_table, limits, zipped

ROOT = Path(__file__).resolve().parents[3]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
ALLOWED_WORDS = {"Excel", "DOCTYPE", "xlsx", "xlsb"}  # the only Latin words a refusal may hold


def refused(path: Path, *fragments: str) -> str:
    """Reads path expecting a refusal: one Chinese sentence holding every fragment."""
    with pytest.raises(LedgerReadError) as caught:
        read_rows(path)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message and "Traceback" not in message
    words = set(re.findall(r"[A-Za-z]{4,}", re.sub("“[^”]*”", "", message)))  # names quoted may be Latin
    assert words <= ALLOWED_WORDS, message
    return message


def write_xlsx(path: Path, sheet_data: str, shared: list[str] | None = None) -> Path:
    """A minimal .xlsx written part by part, so a test can put anything in the sheet XML."""
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared is not None:
        rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{rels}</Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    if shared is not None:
        strings = "".join(f"<si><t>{text}</t></si>" for text in shared)
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def write_ods(path: Path, table_rows: str) -> Path:
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="台账">{table_rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    return (f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
            f"<text:p>{text}</text:p></table:table-cell>")


# --- HTML tables saved as .xls -------------------------------------------------------------------
HTML_LEDGER = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<style>td {{ mso-number-format:"\\@"; }}</style><title>党员台账导出</title></head>
<body><table border="1">
<tr><td colspan="3"><b>南山社区党员信息台账</b></td></tr>
<tr><th>序号</th><th>姓名</th><th>所在支部</th></tr>
<tr><td>1</td><td> 张&nbsp;三 </td><td rowspan="2"><span>第一<br>党支部</span></td></tr>
<tr><td>2</td><td>李&amp;四</td></tr>
<tr><td>3<td>王五<td>第二党支部
</table></body></html>
"""
HTML_ROWS = [
    ["南山社区党员信息台账", None, None],
    ["序号", "姓名", "所在支部"],
    ["1", "张 三", "第一\n党支部"],
    ["2", "李&四", None],
    ["3", "王五", "第二党支部"],
]


def test_html_table_in_gbk_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "党员台账.xls"
    path.write_bytes(HTML_LEDGER.format(charset="gb2312").encode("gbk"))
    assert read_rows(path) == HTML_ROWS


def test_html_table_in_utf8_without_a_charset(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_bytes(HTML_LEDGER.replace('<meta http-equiv="Content-Type" content="text/html; charset={charset}">', "")
                     .format().encode("utf-8"))
    assert read_rows(path) == HTML_ROWS


def test_html_tables_are_stacked_and_nested_tables_become_text(tmp_path: Path) -> None:
    path = tmp_path / "两个表.xls"
    path.write_text("<table><tr><td>标题</td></tr></table><p>说明</p>"
                    "<table><tr><td>姓名</td><td>备注</td></tr>"
                    "<tr><td>赵六</td><td><table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>",
                    encoding="utf-8")
    assert read_rows(path) == [["标题"], ["姓名", "备注"], ["赵六", "甲 乙"]]


def test_html_without_a_table_and_an_unclosed_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.xls"
    page.write_text("<html><body><p>没有表格</p></body></html>", encoding="utf-8")
    refused(page, "没有表格")
    monkeypatch.setattr(html_table, "CHUNK", 1024)
    monkeypatch.setattr(html_table, "MAX_PENDING", 4096)
    endless = tmp_path / "endless.xls"
    endless.write_text("<table><tr><td>1</td></tr></table><!--" + "x" * 20000, encoding="utf-8")
    refused(endless, "未结束")


# --- SpreadsheetML 2003 --------------------------------------------------------------------------
SPREADSHEETML = """<?xml version="1.0" encoding="{encoding}"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="党员">
  <Table ss:ExpandedColumnCount="5" ss:ExpandedRowCount="6">
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">南山社区党员台账</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号</Data></Cell>
    <Cell><Data ss:Type="String">入党日期</Data></Cell><Cell><Data ss:Type="String">党费</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">张三</Data><Comment><Data>批注不是数据</Data></Comment></Cell>
    <Cell><Data ss:Type="Number">110101198503121234</Data></Cell>
    <Cell><Data ss:Type="DateTime">2010-07-01T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="Number">12.5</Data></Cell></Row>
   <Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>李</B>四</ss:Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="Boolean">1</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="第二页"><Table><Row><Cell><Data ss:Type="String">不读</Data></Cell></Row></Table></Worksheet>
</Workbook>
"""


def spreadsheetml(rows: str) -> str:
    return ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            f'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>{rows}</Table></Worksheet>'
            "</Workbook>")


SPREADSHEETML_ROWS = [
    ["南山社区党员台账", None, None],
    [],
    ["姓名", "身份证号", "入党日期", "党费"],
    ["张三", 110101198503121234, datetime(2010, 7, 1), 12.5],
    ["李四", None, None, True],
]


@pytest.mark.parametrize(("encoding", "codec"), [("UTF-8", "utf-8"), ("GB2312", "gbk"), ("gbk", "gb18030")])
def test_spreadsheetml(tmp_path: Path, encoding: str, codec: str) -> None:
    path = tmp_path / "ledger.xls"
    path.write_bytes(SPREADSHEETML.format(encoding=encoding).encode(codec))
    assert read_rows(path) == SPREADSHEETML_ROWS


def test_spreadsheetml_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lol.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'
                    "<Cell><Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>", encoding="utf-8")
    refused(path, "DOCTYPE", "安全")


def test_broken_and_foreign_xml(tmp_path: Path) -> None:
    cut = tmp_path / "cut.xls"
    cut.write_bytes(SPREADSHEETML.format(encoding="UTF-8").encode()[:900])
    refused(cut, "格式正确的 XML")
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><rss><channel/></rss>', encoding="utf-8")
    refused(other, "不是 Excel 的 XML 表格")


# --- text ---------------------------------------------------------------------------------------
TEXT_ROWS = [["姓名", "身份证号", "电话"], ["张三", "110101198503121234", "13800001111"], ["李四", "", "0755-1234"]]


def tsv(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\r\n" for row in rows)


@pytest.mark.parametrize(("name", "data"), [
    ("unicode.txt", b"\xff\xfe" + tsv(TEXT_ROWS).encode("utf-16-le")),  # Excel's "Unicode text"
    ("nobom.csv", tsv(TEXT_ROWS).encode("utf-16-le")),
    ("bigendian.tsv", tsv(TEXT_ROWS).encode("utf-16-be")),
    ("gbk.csv", "\r\n".join(",".join(row) for row in TEXT_ROWS).encode("gbk")),
    ("bom.csv", "\ufeff".encode() + "\n".join(",".join(row) for row in TEXT_ROWS).encode("utf-8")),
    ("system.xls", tsv(TEXT_ROWS).encode("gbk")),  # tab-separated text an old system calls .xls
])
def test_text_encodings_and_delimiters(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_rows(path) == TEXT_ROWS


def test_quoted_csv_keeps_commas_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text('姓名,地址\n张三,"幸福路1号,2栋\n301室"\n', encoding="utf-8")
    assert read_rows(path) == [["姓名", "地址"], ["张三", "幸福路1号,2栋\n301室"]]


def test_text_that_is_neither_utf8_nor_gbk(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xff\xfe\x80\x81,\x80\n")
    refused(path, "文字编码")


# --- workbooks read by calamine ------------------------------------------------------------------
def test_real_xls_written_by_xlwt(tmp_path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("党员")
    for column, header in enumerate(["姓名", "出生日期", "党费"]):
        sheet.write(0, column, header)
    sheet.write(1, 0, "张三")
    sheet.write(1, 1, date(1985, 3, 12), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    sheet.write(1, 2, 12.5)
    book.add_sheet("第二页").write(0, 0, "不读")
    path = tmp_path / "ledger.xls"
    book.save(str(path))
    assert read_rows(path) == [["姓名", "出生日期", "党费"], ["张三", date(1985, 3, 12), 12.5]]
    et = tmp_path / "ledger.et"  # WPS's .et is often the same compound file
    et.write_bytes(path.read_bytes())
    assert read_rows(et) == read_rows(path)


def test_xlsx_named_xls_and_trailing_empty_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "电话"])
    sheet.append(["张三", "13800001111"])
    sheet["F9"] = "  "  # a stray space far below and to the right: calamine returns the whole area
    path = tmp_path / "renamed.xls"
    book.save(path)
    assert read_rows(path) == [["姓名", "电话"], ["张三", "13800001111"]]


def test_ods(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "ledger.ods", f"<table:table-row>{ods_cell('姓名')}{ods_cell('电话')}</table:table-row>"
                                              f"<table:table-row>{ods_cell('张三')}{ods_cell('138')}</table:table-row>")
    assert read_rows(path) == [["姓名", "电话"], ["张三", "138"]]


def test_cells_without_a_reference_are_placed_as_calamine_places_them(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rless.xlsx", '<row r="3"><c><v>1</v></c><c t="s"><v>0</v></c></row>'
                                               "<row><c><v>3</v></c></row>", ["张三"])
    assert read_rows(path) == [["", ""], ["", ""], [1.0, "张三"], [3.0, ""]]


def test_unreadable_workbooks(tmp_path: Path) -> None:
    random_bytes = tmp_path / "random.xlsx"
    random_bytes.write_bytes(bytes(range(256)) * 40)
    refused(random_bytes, "无法读取")
    text = tmp_path / "text.xlsx"
    text.write_text("not excel")
    refused(text, "无法读取")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    refused(broken, "无法读取")
    et = tmp_path / "wps.et"
    et.write_bytes(biff.OLE2_MAGIC + bytes(4000))
    refused(et, "WPS", "另存为 .xlsx")
    xlsb = tmp_path / "binary.xlsx"
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\0" * 10)
    refused(xlsb, ".xlsb")


def test_paths_that_are_not_ledgers(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    refused(empty, "空文件")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    refused(folder, "文件夹")
    refused(tmp_path / "missing.xlsx", "找不到文件")
    doc = tmp_path / "notes.doc"
    doc.write_text("x")
    refused(doc, "不支持的文件类型")


# --- limits ------------------------------------------------------------------------------------
def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text("姓名\n" + "张三\n" * 200_000, encoding="utf-8")
    assert len(read_rows(path)) == 200_001
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", limits.MB)
    refused(path, "有 1.3 MB", "超过了可导入文件 1 MB 的上限")


@pytest.mark.parametrize("kind", ["csv", "html", "xml"])
def test_streaming_readers_stop_at_the_row_column_and_text_limits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    def write(rows: int, columns: int, text: str = "张三") -> Path:
        path = tmp_path / f"ledger.{'csv' if kind == 'csv' else 'xls'}"
        if kind == "csv":
            path.write_text("\n".join(",".join([text] * columns) for _ in range(rows)), encoding="utf-8")
        elif kind == "html":
            row = "<tr>" + f"<td>{text}</td>" * columns + "</tr>"
            path.write_text("<table>" + row * rows + "</table>", encoding="utf-8")
        else:
            row = "<Row>" + f'<Cell><Data ss:Type="String">{text}</Data></Cell>' * columns + "</Row>"
            path.write_text(spreadsheetml(row * rows), encoding="utf-8")
        return path

    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 10)
    monkeypatch.setattr(limits, "MAX_CELLS", 200)
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1000)
    assert len(read_rows(write(20, 10))) == 20
    refused(write(51, 1), "51 行", "50 行的上限")
    refused(write(1, 11), "11 列", "10 列的上限")
    refused(write(21, 10), "200 个单元格的上限")
    refused(write(10, 10, "长" * 20), "1,000 个字的上限")


def test_spreadsheetml_index_cannot_jump_past_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "jump.xml"
    path.write_text(SPREADSHEETML.format(encoding="UTF-8").replace('<Row ss:Index="3">', '<Row ss:Index="99999999">'),
                    encoding="utf-8")
    refused(path, "1,000,000 行的上限")
    path.write_text(SPREADSHEETML.format(encoding="UTF-8").replace('<Cell ss:Index="4">', '<Cell ss:Index="9999999">'),
                    encoding="utf-8")
    refused(path, "1,000 列的上限")


def test_a_far_cell_in_a_tiny_xlsx_is_refused_before_calamine_builds_the_sheet(tmp_path: Path) -> None:
    """calamine would allocate A1:XFD1048576 (550 GB) and abort the process: run it in a child."""
    path = write_xlsx(tmp_path / "far.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
                                             '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    code = ("import sys; from pathlib import Path; from db.importing.read import read_rows, LedgerReadError\n"
            "try:\n    read_rows(Path(sys.argv[1]))\nexcept LedgerReadError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "1,048,576 行" in done.stdout and "1,000,000 行的上限" in done.stdout
    with pytest.raises(LedgerReadError, match="上限"):
        zipped.check_zip(path)  # the scan, not calamine's own sheet, is what refuses it


def test_styled_empty_cells_do_not_count_against_the_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    path = write_xlsx(tmp_path / "template.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
                                                  '<row r="200"><c r="Z200" s="1"/></row>')
    assert read_rows(path) == [["姓名"]]
    path = write_xlsx(tmp_path / "filled.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
                                                '<row r="200"><c r="Z200"><v>1</v></c></row>')
    refused(path, "200 行 × 26 列", "100 个单元格的上限")


def test_a_shared_string_copied_into_many_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100_000)
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>1</v></c></row>' for n in range(1, 201))
    path = write_xlsx(tmp_path / "copies.xlsx", cells, ["短", "长" * 1000])
    refused(path, "100,000 个字的上限")
    path = write_xlsx(tmp_path / "short.xlsx", cells.replace("<v>1</v>", "<v>0</v>"), ["短", "长" * 1000])
    assert len(read_rows(path)) == 200
    # an index calamine cannot read picks the first string: counted as the longest
    path = write_xlsx(tmp_path / "bad_index.xlsx", cells.replace("<v>1</v>", "<v>x</v>"), ["长" * 1000])
    refused(path, "100,000 个字的上限")


def test_ods_repeats_count_against_the_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100_000)
    path = write_ods(tmp_path / "repeat.ods", f"<table:table-row>{ods_cell('长' * 200, repeat=1000)}</table:table-row>")
    refused(path, "100,000 个字的上限")
    path = write_ods(tmp_path / "rows.ods", '<table:table-row table:number-rows-repeated="5000000">'
                                            f"{ods_cell('x')}</table:table-row>")
    refused(path, "5,000,000 行")


def test_xls_extent_and_shared_strings_are_checked_before_calamine(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("a")
    sheet.write(0, 0, "姓名")
    sheet.write(65535, 255, 1)
    far = tmp_path / "far.xls"
    book.save(str(far))
    with pytest.raises(LedgerReadError, match="65,536 行 × 256 列"):
        biff.check_xls(far)
    refused(far, f"{limits.MAX_CELLS:,} 个单元格的上限")

    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100_000)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("a")
    for row in range(30):  # 5,000 characters take two CONTINUE records of the SST
        sheet.write(row, 0, "长" * 5000)
        sheet.write(row, 1, "短")
    copies = tmp_path / "copies.xls"
    book.save(str(copies))
    refused(copies, "100,000 个字的上限")
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 160_000)
    assert read_rows(copies)[29] == ["长" * 5000, "短"]


# --- zip bombs -----------------------------------------------------------------------------------
def patch_sizes(path: Path, part: str, size: int) -> None:
    """Rewrites the unpacked size a part declares, in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        struct.pack_into("<I", data, archive.getinfo(part).header_offset + 22, size)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == part:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_part_declaring_a_huge_size_is_refused_unread(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>', ["张三"])
    patch_sizes(path, "xl/sharedStrings.xml", 0xF0000000)
    refused(path, "xl/sharedStrings.xml", "300 MB 的上限", "压缩炸弹")


def test_a_part_unpacking_to_more_than_it_declares_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "liar.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>', ["张" * 5000])
    patch_sizes(path, "xl/sharedStrings.xml", 200)
    refused(path, "比它声明的 200 字节更大")


def test_compression_ratio_total_and_directory_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zeros = "".join(f'<row r="{n}"><c r="A{n}"><v>0</v></c></row>' for n in range(1, 3)) + " " * 3_000_000
    path = write_xlsx(tmp_path / "zeros.xlsx", zeros)
    refused(path, "压缩比高达", "100 倍的上限")
    monkeypatch.setattr(limits, "ZIP_RATIO_FLOOR", 10**9)
    assert read_rows(path) == [[0.0], [0.0]]
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", 2 * limits.MB)
    refused(path, "解压后超过 2 MB 的上限")
    monkeypatch.setattr(limits, "MAX_ZIP_DIRECTORY_BYTES", 100)
    refused(path, "的目录有 0.0 MB")
