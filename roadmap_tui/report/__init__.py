"""Everything a roadmap is shown as: the Rich summary, the report-back pages and the
export formats (text, ANSI, HTML, SVG, Markdown, cards, one file per owner/country/group).

Built from the model alone: no file is read or written here except by ``export_by``,
which writes into the folder it is given, and nothing here imports Textual.
"""
