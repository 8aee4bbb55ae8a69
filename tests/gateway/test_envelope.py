"""What a phone or mail app wraps around a typed message is taken off before the engine reads it."""

import pytest

from bot.conversations.envelope import without_envelope
from bot.conversations.service import clean_text


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Vi holder fredagsmøder hver uge\n\nSendt fra min iPhone", "Vi holder fredagsmøder hver uge"),
        ("ja det går fint Sendt fra min iPhone", "ja det går fint"),
        ("Skip this one please\nSent from my Galaxy", "Skip this one please"),
        ("Vi har en god formand\n\nHent Outlook til Android", "Vi har en god formand"),
        ("Karin\n\nMvh\nPeter Holm\nFormand, Vejen IF\n22 33 44 55", "Karin"),
        ("det går fint med pauserne mvh karin", "det går fint med pauserne"),
        ("Hej,\n\nVi har en god formand.\n\nBest regards,\nJohn\nChair, Leeds Rugby Club", "Vi har en god formand."),
        ("the lads are grand\n\nCheers,\nPaddy", "the lads are grand"),
        ("Karin\nHilsen", "Karin"),
        ("Cheers mate, skip it\n--\nJohn Smith\nTreasurer", "Cheers mate, skip it"),
        ("det går fint /Karin", "det går fint"),
        (
            "spring over\n\nDen 7. dec. 2026 kl. 09.12 skrev Trivselsguiden <noreply@trivsel.dk>:\n> Hvad fungerer?",
            "spring over",
        ),
        ("spring over Den 7. dec. 2026 kl. 09.12 skrev Trivselsguiden <noreply@trivsel.dk>: Hvad fungerer?", "spring over"),
        ("Pause\n\nOn Mon, 7 Dec 2026 at 09:12, Trivsel <no@trivsel.dk> wrote:\n> What works?", "Pause"),
        ("ja tak\n\nFra: Trivsel <no@trivsel.dk>\nSendt: 7. december 2026 09:12\nTil: Karin\n\nHvad fungerer?", "ja tak"),
        ("jeg kan ikke mere\n> Hvad fungerer allerede godt for dig?", "jeg kan ikke mere"),
        # answered below the quote
        (
            "On Mon, 7 Dec 2026 at 10:14, Guide <no@x.org> wrote:\n> What works?\n\ncan we go back\n\nSent from my Galaxy",
            "can we go back",
        ),
        # the postscript is the message, the signature above it is not
        (
            "Venlig hilsen\nGitte Rasmussen\nSkoleleder\nTlf. 72 36 00 00\n\nPS. Det spørgsmål springer jeg over",
            "Det spørgsmål springer jeg over",
        ),
        # a sign-off above a "--" signature with separators
        ("Connor Walsh\n\nCheers,\nNiamh\n--\nNiamh Brennan | Secretary | Clontarf GAA | 086 555 0177", "Connor Walsh"),
    ],
)
def test_the_apps_footer_the_signature_and_the_quoted_question_are_taken_off(typed, meant):
    assert without_envelope(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "mailen blev sendt fra min kollega",  # the leader's own words, in lower case mid-line
        "with regards to pay",
        "pauser og/eller sparring",
        "vi taler om det -- hver fredag",
        "Tak",  # a weak sign-off alone may be the whole answer
        "Mvh Karin",  # only a sign-off: the leader's whole message, kept
        "Hej igen",
        "Hej\n",
        "Den 3. skrev han: vi mangler folk",  # a date and "skrev", but no quoted header (no time, no address)
        "Thanks,\nJohn",
    ],
)
def test_the_leaders_own_words_are_kept(typed):
    assert without_envelope(typed).strip() == typed.strip()


def test_the_gateway_passes_the_message_on_without_its_envelope_and_a_control_character_keeps_words_apart():
    assert clean_text("Karin\n\nMvh\nPeter\nSendt fra min iPhone", 2000) == "Karin"
    assert clean_text("arbejde\x00og fritid", 2000) == "arbejde og fritid"
