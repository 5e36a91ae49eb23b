"""The peer side of scripts/bench/reports.sh: the same invoice-like rows as
benchmarks/ReportsBench/main.swift, rendered with reportlab (PDF: landscape A4, DejaVu Sans, header
row repeated on every page, page x / n, totals) or XlsxWriter (constant_memory, typed cells, number
and date formats, SUM formulas, frozen header, autofilter). Prints one JSON line like the Swift side.

usage: python peer.py pdf|xlsx ROWS OUTPUT
"""
import datetime
import json
import resource
import sys
import time

TECHNICIANS = ["Élodie Marchand", "Jérôme Dupré", "François Nguyen", "Zoë Ångström", "Hélène Arçais", "Noël Bérénger"]
SITES = ["Chantier Gare Nord", "Résidence Les Tilleuls", "École Jean-Jaurès", "Pont de la Défense"]
COLUMNS = [  # title, kind, weight, totalled
    ("Date", "date", 1.1, False), ("Référence", "text", 1.3, False), ("Chantier", "text", 1.6, False),
    ("Technicien", "text", 1.4, False), ("Métier", "text", 1.1, False), ("Description", "text", 2.4, False),
    ("Heures", "hours", 0.8, True), ("Taux", "currency", 0.9, False), ("Main-d'œuvre", "currency", 1.1, True),
    ("Qté", "decimal1", 0.7, False), ("Matériaux", "currency", 1.1, True), ("Total HT", "currency", 1.1, True),
]
EPOCH = datetime.date(1970, 1, 1)


def row(index):
    hours = index % 8 + 0.5
    rate = 38.0 + index % 5
    quantity = (index % 13) * 1.5
    unit_cost = 4.25 + index % 7
    return [
        EPOCH + datetime.timedelta(days=20454 + index % 365),
        "INT-2026-" + str(100000 + index)[1:],
        SITES[index % len(SITES)],
        TECHNICIANS[index % len(TECHNICIANS)],
        "Électricité" if index % 3 == 0 else "Maçonnerie",
        f"Intervention n° {index} — contrôle, réglage et remise en service",
        hours, rate, hours * rate, quantity, quantity * unit_cost, hours * rate + quantity * unit_cost,
    ]


def french(value, digits):
    text = f"{abs(value):,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return ("-" if value < 0 else "") + text


def display(value, kind):
    if kind == "date":
        return value.strftime("%d/%m/%Y")
    if kind == "currency":
        return french(value, 2) + " €"
    if kind == "hours":
        return french(value, 2) + " h"
    if kind == "decimal1":
        return french(value, 1)
    return value


def render_pdf(rows, path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    width, height, margin, row_height = 841.89, 595.28, 28.0, 14.0
    content_top, content_bottom = margin + 36, height - margin - 22
    total_weight = sum(c[2] for c in COLUMNS)
    edges = [margin]
    for column in COLUMNS:
        edges.append(edges[-1] + (width - 2 * margin) * column[2] / total_weight)
    first_rows = int((content_bottom - (content_top + 52 + 26) - row_height) // row_height)
    per_page = int((content_bottom - content_top - row_height) // row_height)
    pages = 1 + max(0, -(-(rows - first_rows) // per_page))
    if rows - first_rows - (pages - 1) * per_page >= per_page:
        pages += 1  # totals on a page of their own
    pdf = canvas.Canvas(path, pagesize=(width, height))
    pdf.setTitle("Export facturable")

    def fit(text, font, size, room):
        if pdfmetrics.stringWidth(text, font, size) <= room:
            return text
        while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
            text = text[:-1]
        return text + "…"

    def cells(values, font, y):
        pdf.setFont(font, 9)
        for i, (value, column) in enumerate(zip(values, COLUMNS)):
            left, right = edges[i] + 3, edges[i + 1] - 3
            text = fit(display(value, column[1]) if not isinstance(value, str) else value, font, 9, right - left)
            baseline = height - (y + row_height / 2 + 3)
            if column[1] in ("text", "date"):
                pdf.drawString(left, baseline, text)
            else:
                pdf.drawRightString(right, baseline, text)

    def page_frame(number):
        pdf.setFont("DejaVu-Bold", 9)
        pdf.drawString(margin, height - margin - 10, "Bâtiments Réunis SARL")
        pdf.setFont("DejaVu", 7.5)
        pdf.drawString(margin, height - margin - 24, "Export facturable")
        pdf.drawRightString(width - margin, height - (height - margin - 6), f"page {number} / {pages}")

    def header(y):
        pdf.setFillColorRGB(0.90, 0.92, 0.95)
        pdf.rect(margin, height - y - row_height, width - 2 * margin, row_height, stroke=0, fill=1)
        pdf.setFillColorRGB(0.13, 0.13, 0.15)
        cells([c[0] for c in COLUMNS], "DejaVu-Bold", y)

    sums = [0.0] * len(COLUMNS)
    page = 1
    page_frame(page)
    pdf.setFont("DejaVu-Bold", 18)
    pdf.drawString(margin, height - content_top - 20, "Export facturable")
    pdf.setFont("DejaVu-Bold", 13)
    pdf.drawString(margin, height - content_top - 52 - 16, "Lignes")
    y = content_top + 52 + 26
    header(y)
    y += row_height
    def room(y, page):
        """Breaks the page when one more row does not fit, repeating the header."""
        if y + row_height <= content_bottom + 0.001:
            return y, page
        pdf.showPage()
        page_frame(page + 1)
        header(content_top)
        return content_top + row_height, page + 1

    for index in range(rows):
        y, page = room(y, page)
        values = row(index)
        for i, column in enumerate(COLUMNS):
            if column[3]:
                sums[i] += values[i]
        if index % 2 == 1:
            pdf.setFillColorRGB(0.97, 0.97, 0.98)
            pdf.rect(margin, height - y - row_height, width - 2 * margin, row_height, stroke=0, fill=1)
            pdf.setFillColorRGB(0.13, 0.13, 0.15)
        cells(values, "DejaVu", y)
        y += row_height
    y, page = room(y, page)
    cells(["Total"] + ["" if not c[3] else sums[i] for i, c in enumerate(COLUMNS)][1:], "DejaVu-Bold", y)
    pdf.showPage()
    pdf.save()
    return page


def render_xlsx(rows, path):
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True, "use_zip64": True})
    sheet = book.add_worksheet("Lignes")
    formats = {
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "currency": book.add_format({"num_format": '#,##0.00\\ "€"'}),
        "hours": book.add_format({"num_format": "#,##0.00"}),
        "decimal1": book.add_format({"num_format": "#,##0.0"}),
        "text": None,
    }
    header = book.add_format({"bold": True, "bg_color": "#E6EBF2", "bottom": 1})
    total = book.add_format({"bold": True, "top": 1, "num_format": '#,##0.00\\ "€"'})
    sheet.write_string(0, 0, "Lignes", book.add_format({"bold": True, "font_size": 14}))
    sheet.write_string(1, 0, "Bâtiments Réunis SARL — Export facturable")
    for i, column in enumerate(COLUMNS):
        sheet.set_column(i, i, min(60, 9 * max(column[2], 0.8) + 4))
        sheet.write_string(3, i, column[0], header)
    sums = [0.0] * len(COLUMNS)
    for index in range(rows):
        values = row(index)
        r = 4 + index
        for i, (value, column) in enumerate(zip(values, COLUMNS)):
            if column[1] == "date":
                sheet.write_datetime(r, i, datetime.datetime.combine(value, datetime.time()), formats["date"])
            elif column[1] == "text":
                sheet.write_string(r, i, value)
            else:
                sheet.write_number(r, i, value, formats[column[1]])
                if column[3]:
                    sums[i] += value
    sheet.freeze_panes(4, 0)
    sheet.autofilter(3, 0, 3 + rows, len(COLUMNS) - 1)
    last = 4 + rows
    sheet.write_string(last, 0, "Total", total)
    for i, column in enumerate(COLUMNS):
        if column[3]:
            letter = xlsxwriter.utility.xl_col_to_name(i)
            sheet.write_formula(last, i, f"=SUM({letter}5:{letter}{last})", total, sums[i])
    book.close()


def main():
    kind, rows, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    pages = render_pdf(rows, path) if kind == "pdf" else (render_xlsx(rows, path) or 0)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"tool": "python", "format": kind, "rows": rows, "pages": pages, "seconds": seconds,
                      "cpu_seconds": cpu, "peak_rss_kb": after.ru_maxrss}))


if __name__ == "__main__":
    main()
