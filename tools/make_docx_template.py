"""Write the packaged Word template, src/dxanalysis/write/templates/docx/template.docx.

The template carries what Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I prescribes for the page
and the body (A4, margins, Times New Roman, sizes, page numbers); ``dxanalysis report --docx``
opens it, empties its body and writes the review. An office replaces it with its own
(``data/raw/<unit>/template.docx``, see the README). Run after changing a style here:

    python tools/make_docx_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dxanalysis.write.word import build_template  # noqa: E402

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "src/dxanalysis/write/templates/docx/template.docx"
    build_template(target)
    print(target)
