"""Tagged PDF: the structure a screen reader reads (headings, paragraphs, tables, figures with
their alternative text, links), which reportlab's open-source edition does not write."""
