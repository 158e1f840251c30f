from __future__ import annotations

import pytest

from eventwire.language import looks_english


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The minister said on Tuesday that the government would not change its policy on the border.", True),
        ("Talks resume.", True),
        ("Die Regierung hat am Mittwoch in Berlin neue Maßnahmen angekündigt, um die Wirtschaft zu stützen.", False),
        ("El gobierno anunció el miércoles nuevas medidas para apoyar a las empresas afectadas por la crisis.", False),
        ("Президент заявил в среду, что правительство не изменит свою политику.", False),
        ("政府は水曜日に新たな措置を発表した。", False),
        ("1234 5678 !!!", False),
        # an earnings table has few function words of any language: still English
        ("Shr 12 cts vs 9 cts\n Net 1,200,000 vs 950,000\n Revs 30.1 mln vs 25.7 mln\n Nine mths\n Shr 40 cts", True),
        ("Regeringen meddelade på tisdagen att den inte kommer att ändra sin politik för gränsen.", False),
        ("Pemerintah mengatakan pada hari Selasa bahwa mereka tidak akan mengubah kebijakan di perbatasan.", False),
    ],
)
def test_language_looks_english(text: str, expected: bool) -> None:
    assert looks_english(text) is expected
