"""The distress net: does a typed message signal acute distress, strain, or neither?

Pure Python (stdlib `re` only), so the actions, the NLU guard and the tests can all
use it. `tier(text)` returns ACUTE, STRAIN or None.

- ACUTE: suicidal thoughts, self-harm, not wanting to live, "can't go on" about life
  itself, and the indirect ways people say it: passive wishes ("det ville være lettere
  hvis jeg ikke vågnede"), preparations (a farewell letter, giving things away, saving
  pills, "har googlet hvordan"), methods and places ("køre ind i et træ", "stood on the
  bridge and thought about jumping"), being a burden, death as relief.
  Missing one is the worst error this product can make, so the acute patterns
  lean towards recall: a mention of suicide counts whoever it is about, and anything
  ambiguous about life itself counts.
- STRAIN: strain about oneself that is not acute (burnt out, going down with stress,
  not sleeping, panic, crying at work, empty, "jeg kan ikke mere").
- None: an ordinary answer. Reflection answers are full of "stress", "træt", "nede",
  "ikke mere", "killing it", "dødtræt" and other people's stress; a false alarm teaches
  leaders to stop writing honestly, so strain only counts when it is about the writer.

How a message is read:
1. `normalise`: lower case, one kind of apostrophe, missing apostrophes restored
   ("dont" -> "don't", "im" -> "i'm"), a few Danish typos ("jg", "ik"), hyphens as
   spaces, whitespace collapsed. Patterns are written with æ/ø/å but also match the
   ASCII spellings people type on foreign keyboards (ae/oe/aa, or plain a/o/e).
2. Fixed idioms that only look alarming ("suicide mission", "dø af grin",
   "cut myself some slack") are blanked out.
3. Every pattern hit is then checked for
   - negation: "jeg har ALDRIG tænkt på selvmord", "I'm NOT burnt out" (see `_negated`);
   - whose state it is (see `_about_other` and `_about_self`).
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Pattern, Sequence, Set

ACUTE = "acute"
STRAIN = "strain"

# --------------------------------------------------------------------------------------
# Building blocks for the patterns
# --------------------------------------------------------------------------------------

# The end of a clause: end of text, punctuation, or a word that starts a new clause.
# Used where a phrase is only alarming on its own ("jeg kan ikke mere") and ordinary
# when it goes on ("jeg vil ikke mere have møder om fredagen").
END = (
    r"(?=\s*(?:$|[.,;:!?]|(?:og|men|and|but|fordi|because|så|so|nu|now|lige nu|right now|igen|"
    r"again|snart|soon|altså|ærligt|honestly|seriously|lol|haha|hele tiden|all the time|"
    r"for tiden|lately|i øjeblikket|at the moment)\b))"
)
END_BODY = END[3:-1]  # the same, for use inside a longer lookahead: (?=END_BODY| mere| længere)
# After "live"/"leve": alarming on its own or "any more", ordinary when it goes on
# ("live in the city", "leve af de priser", "leve op til").
LIVE_END = (
    r"(?=" + END_BODY + r"| anymore| any longer| any more| like this| this way| in this world| on this earth"
    r"| mere| længere| videre| sådan| på den måde| i den her verden)"
)
# A filler word that is not a negation ("jeg har det [rigtig] skidt", "i [really] want to die").
GAP = r"(?:(?!(?:ikke|ik|aldrig|ingen|not|never|no|hellere|rather)\b)(?![\w]*n't\b)[\w']+ )"
AT = r"(?:at |og |å |to )?"  # Danes often write "og" for "at": "lyst til og dø"
SELF = r"(?:my ?self|mig selv)"
# A time that makes "end it" a plan rather than a business decision ("i'm going to end it this weekend").
WHEN = (
    r"| (?:tonight|tomorrow|this weekend|this week|soon|for good|once and for all|i aften|i nat|i morgen|"
    r"i weekenden|snart|for altid|for evigt|en gang for alle)\b" + END
)  # but not "tomorrow with the supplier"
END_OR_WHEN = r"(?=" + END_BODY + WHEN + r")"
# Places people go to end their lives. "broen over havnen er lukket", "the new platform", "up on the
# roof all day" have no plan in them, so a place only counts with a thought of jumping or falling
# ("stood on the bridge and thought about jumping") or "how easy it would be" (see the methods below).
PLACE_HIGH = (
    r"(?:\w*broen|en bro|(?:fra|ned fra|ud over|kanten af) (?:taget|altanen|rækværket|tagkanten)|(?:tog)?skinnerne|"
    r"perronkanten|klippen|skrænten|the bridge|a bridge|a ledge|the ledge|the (?:train )?tracks|train tracks|"
    r"the edge of the (?:roof|platform|cliff|bridge)|off the roof|the cliff|a cliff)"
)
PLACE = (
    r"(?:" + PLACE_HIGH + r"|(?:på|oppe på) (?:taget|kanten|altanen|rækværket)|perronen|the roof|a rooftop|the rooftop|"
    r"the platform|the balcony|the edge)"
)
THOUGHT = (
    r"(?:tænkt|tænkte|tænker|overvejet|overvejede|overvejer|lyst til|ville|fik lyst|thought|think|thinking|wondered|"
    r"wanted to|felt like|considered|was tempted|tempted)"
)
# Where "ø" must not also match a plain "o" ("nice to do" is not "at dø"), patterns write it as \xf8,
# which the æøå folding in `_fold` leaves alone.
# Said of feeling low, with the times people add ("i feel numb most days").
FEEL_END = (
    r"(?=" + END_BODY + r"| most days| every day| all day| inside| these days| at work| på arbejdet| for tiden"
    r"| hele tiden| i perioder| indeni)"
)

# --------------------------------------------------------------------------------------
# ACUTE. Three lists, by how much the words alone tell.
# --------------------------------------------------------------------------------------

# Hit by a car, not "hit with a fine" or "ramt af influenza".
_HIT = r"(?:got|was) hit(?: by (?:a|the) (?:car|bus|truck|train|lorry)\b|" + END + r")"
_RAMT = r"(?:blev|blive) ramt af (?:en bil|en bus|en lastbil|et tog|toget)"
# "leve af kaffe", "leve op til", "leve med det gamle system": living on, up to, with something.
_NOT_A_LIVING = r"(?! (?:af|op til|med|uden|sammen med|i byen|på landet)\b)"

# Unambiguous whoever the subject is: only negation and idioms can cancel them.
ACUTE_PATTERNS: List[str] = [
    # -- the word suicide, any inflection or compound, with typos ----------------------
    r"\bs(?:el|le|e)v ?mo+rd\w*|\bselvmor\b",  # selvmord, selvmordstanker, slevmord, selv mord
    r"\bs(?:ui|iu|u)[cs]s?i?d(?:e|es|al\w*|ial\w*|el\w*)?\b",  # suicide, suicidal, sucide, suicde, suiside, suicidial, suicidel
    r"\b(?:selvmors\w*|sevl ?mord\w*|selmord\w*|selvmort\w*)",  # selvmorstanker, sevlmord, selmord
    r"\bsewerslide\b",  # online euphemism
    # -- euphemisms for killing oneself -------------------------------------------------------
    r"\b(?:off(?:ing)?|top(?:ping)?|neck(?:ing)?) my ?self\b(?! (?:up|off))",  # "offing myself", "top myself"
    r"\b(?:do|doing|did) my ?self in\b" + END,
    r"\b(?:want|wanna|wish) (?:to )?(?:just |simply )?(?:not exist|stop existing|not be alive|cease to exist)\b",
    r"\bafslut(?:te|ter|tet)? (?:mit (?:eget )?liv|livet)\b(?! som)",  # not "afslutte livet som selvstændig"
    r"\bslut(?:te|ter|tet)? (?:mit (?:eget )?liv|livet)\b(?! som)",
    r"\bforlade (?:det her liv|dette liv|livet|denne verden|den her verden|verden)\b(?! som| af)",
    r"\bleav(?:e|ing) this (?:world|life|earth)\b" + END,
    r"\bwant (?:out of|to leave) (?:this|my) (?:life|world)\b(?! of| as)",
    r"\b(?:vil|ønsker|lyst til at komme) (?:bare )?ud af (?:det her|dette|mit) liv\b(?! som)",
    # -- taking one's own life -----------------------------------------------------------
    r"\bta(?:ge|')? mit (?:eget )?liv\b",  # tage mit (eget) liv; "arbejdet tager mit liv" see below
    r"\bta(?:ge|ger|r|')? (?:sit|sig|mit) eget liv\b",
    r"\btage livet af sig selv\b",
    r"\bsl(?:å|år|og|ået) mig selv ihjel\b",
    r"\b(?:at|og|jeg vil|jeg skal|jeg kunne) slå mig ihjel\b",  # not "min kone slår mig ihjel hvis ..."
    r"\bg(?:øre|ør|jorde|jort) (?:en )?ende på (?:mit liv|livet|mit eget liv|min tilværelse)\b",
    r"\bende (?:mit liv|livet|mit eget liv)\b",
    r"\bg(?:øre|ør|jorde|jort) (?:det )?af med mig selv\b",  # "gøre det af med mig selv"
    r"\bg(?:øre|ør|jorde|jort) (?:en )?ende på mig selv\b",
    r"\blivet giver (?:ingen|ikke nogen|ikke længere nogen|ikke mere) mening\b",
    r"\blivet har (?:ingen|ikke nogen|ikke længere nogen|ikke mere) (?:\w+ )?(?:mening|formål)\b",
    r"\bikke (?:\w+ ){0,3}(?:være|var) til\b(?=" + END_BODY + r"| mere| længere)",  # "være til" = exist
    r"\btræt af at være til\b",
    r"\b(?:fået|har) nok af (?:livet|at leve)\b",
    r"\blivstræt\w*|\blivslede\b",  # tired of life: the clinical words
    r"\btræt af at eksistere\b|\b(?:tired|sick|weary) of existing\b" + END,
    r"\b(?:hader|hate|hating) (?:at være i live|being alive|to be alive)\b",
    r"\b(?:hader|hate|hating) (?:at eksistere|at være til|existing|to exist)\b" + END,  # not "hate existing processes"
    r"\bmere værd død\b|\bworth more dead\b",
    r"\bhad enough of (?:life|living)\b",
    r"\b(?:vil|lyst til|ønsker) (?:bare )?(?:at )?sove (?:for evigt|for altid)\b",
    r"\b(?:want|wanna|wish i could) (?:to )?(?:just )?sleep forever\b" + END,
    r"\b(?:want|wanna|wish i could|'d like to|would like to|'d love to|need to) (?:to )?(?:just )?(?:go to )?sleep "
    r"(?:forever|for good|permanently|and not wake up|and never wake up)\b",
    r"\bkms\b(?<!\d kms)" + END,
    r"\b(?<!kommer til )(?<!komme til )(?:at|og) ta(?:ge|')? livet af mig(?: selv)?\b",  # infinitive: "det var bedst at tage livet af mig"
    r"\b(?:(?:ingen|ikke nogen|ikke se nogen) (?:anden )?)?(?:udvej|vej ud) end (?:at |og )?dø\b",
    r"\b(?:(?:no|any) (?:other )?)?way out (?:than|but|except|other than) (?:to die|dying)\b",
    r"\btror ikke (?:at )?jeg (?:vil|gider|orker|kan|har lyst til) (?:\w+ ){0,2}leve\b(?="
    + END_BODY
    + r"| mere| længere| videre)",
    r"\bdon't think i (?:want|wanna|can) (?:to )?(?:live|go on|keep living|be alive)\b" + LIVE_END,
    r"\bkil+(?:l?ing|l?in|l?ed|s)? ?my ?s[ea]lf\b"  # kill myself, killing myself, kill my self
    r"(?! (?:working|trying|to (?:get|keep|meet|finish|make|please)|with (?:work|the hours|overtime)|over (?:this|it|the|a|work)))",
    r"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b",
    r"\bend(?:ing)? it all\b",
    r"\bend my own life\b",
    r"\bunalive\w*",
    # -- not wanting to live -------------------------------------------------------------
    r"\bikke (?:(?:vil|gider|orker|kan|magter|ønsker|længere|mere|rigtig|helt) )*"
    + AT
    + r"leve\b(?="
    + END_BODY
    + r"| mere| længere| videre| sådan| på den måde| i den her verden)",
    r"\bikke " + GAP + r"{0,2}lyst til " + AT + r"leve\b" + _NOT_A_LIVING,
    r"\bingen lyst til " + AT + r"leve\b" + _NOT_A_LIVING,
    r"\b(?:mistet|tabt) " + GAP + r"?lysten til (?:" + AT + r"leve\b|livet\b)",
    r"\b(?:mistet|ingen|ikke nogen|uden) " + GAP + r"?livslyst\w*",
    r"\blivslysten er (?:helt )?(?:væk|forsvundet|borte)",
    r"\b(?:orker|kan|magter|gider|klarer) ikke " + GAP + r"{0,3}(?:livet|at leve|og leve)\b(?=" + END_BODY + r"| mere| længere)",
    r"\bikke " + GAP + r"?værd at leve\b",
    r"\b(?:intet|ingenting|ikke noget|ikke mere) " + AT + r"leve for\b",
    r"\bingen (?:\w+ )?grund til " + AT + r"leve\b",
    r"\bikke (?:se )?(?:nogen |en |nogen som helst )?(?:grund|mening) (?:til|med) " + AT + r"leve\b",
    r"\bom jeg (?:overhovedet )?(?:vil|gider|orker|kan|skal|har lyst til) (?:\w+ ){0,2}leve\b(?="
    + END_BODY
    + r"| mere| længere| videre)",
    r"\bhvorfor (?:skal jeg )?(?:overhovedet )?leve\b",
    r"\bhvad skal jeg (?:overhovedet )?leve for\b",
    r"\b(?:ingen|ikke nogen) (?:\w+ )?mening med (?:at leve|livet|mit liv)\b",
    r"\bmeningsløst at leve\b",
    r"\blivet (?:er|føles|virker) " + GAP + r"{0,2}(?:meningsløst|håbløst|ligegyldigt|ikke værd)\b",
    r"\blivet (?:er|føles|virker) (?:\w+ )?ikke (?:længere )?det værd\b",
    r"\b(?:don't|do not|doesn't) deserve to (?:live|be alive|exist|be here)\b|\bfortjener ikke at (?:leve|være i live|eksistere|være her)\b",
    r"\btræt af (?:at leve|at være i live|livet\b" + END + r")",
    r"\bfærdig med (?:livet|at leve)\b(?! som| på| i )",  # not "færdig med livet som lønmodtager"
    r"\bopgiv(?:e|er|et)? livet\b",
    r"\bgiv(?:e|er|et)? op på livet\b",
    r"\b(?:ligeglad|ligegyldigt|lige meget)(?: med)? om jeg lever (?:eller|el) dør\b",
    r"\bikke (?:\w+ )?(?:være|vaere) i live\b",
    r"\b(?:ønske|ønsker|gid) (?:at )?jeg (?:ikke fandtes|ikke eksisterede|aldrig var (?:blevet )?født|ikke var (?:blevet )?født)",
    r"\b(?:ønske|ønsker|gid) (?:at )?jeg (?:ikke var her|ikke var til|ikke levede)\b(?=" + END_BODY + r"| mere| længere)",
    r"\b(?:ønske|ønsker|gid) (?:at )?jeg (?:aldrig|ikke) (?:var|havde) vågnet\b",
    r"\b(?:lige meget|ligegyldigt|ligeglad med) (?:om|hvis) jeg (?:lever|findes|eksisterer|er i live|vågner|er her)\b"
    r"(?=" + END_BODY + r"| eller (?:ej|ikke|dør))",
    r"\b(?:rather|prefer to|prefer) not (?:to )?(?:exist|be alive|wake up)\b",
    r"\b(?:can't|cannot|don't want to|can't keep) do(?:ing)? (?:life|this life)\b(?="
    + END_BODY
    + r"| anymore| any longer| like this)",
    r"\b(?:don't|do not|can't|cannot) see myself (?:being )?(?:alive|around) (?:much longer|for much longer|for long|next year|in a year|by christmas|by summer)\b",
    r"\bikke (?:se )?mig selv (?:være )?i live\b",
    r"\bikke (?:se )?mig selv leve\b(?=" + END_BODY + r"| meget længere| længere| mere| et år til| til jul)",
    # "hvad er meningen med livet" can be philosophy (a theme answer); "pointen med livet" and "meningen med at leve" less so
    r"\bhvad (?:er|skulle være) (?:meningen|pointen|formålet) med (?:at leve|at være i live)\b" + _NOT_A_LIVING,
    r"\bhvad (?:er|skulle være) (?:pointen|formålet) med (?:livet|mit liv|at være her)\b" + END,
    r"\bhvad (?:er|skulle være) meningen med (?:mit liv|at være her)\b" + END,
    r"\bhvorfor (?:\w+ ){0,3}blive ved med at leve\b" + _NOT_A_LIVING,
    r"\b(?:ingen|ikke nogen|ikke en) (?:\w+ )?grund til at jeg (?:skal|bør|burde) (?:være her|leve|være i live)\b" + END,
    r"\b(?:ingen|ikke nogen|ikke se nogen|ikke en) (?:anden )?(?:løsning|udvej|vej ud) end (?:at |og )?(?:dø|gøre en ende|gøre det af|"
    r"tage mit liv|tage livet af mig|forsvinde for (?:altid|evigt)|forsvinde\b"
    + END
    + r")",  # not "end at tage en mand mere ind"
    r"\bikke (?:\w+ ){0,2}(?:det her|dette|mit) liv\b(?=" + END_BODY + r"| mere| længere)",
    r"\b(?:don't|do not|won't|never|no longer|not|didn't) (?:\w+ )?(?:want|wanna|wish|feel like|like) (?:to )?"
    r"(?:live|living)\b(?=" + END_BODY + r"| anymore| any longer| any more| like this| this way| in this world)",
    r"\b(?:don't|do not|no longer|never) (?:\w+ )?(?:want|wanna|wish|feel like) (?:to )?(?:be alive|exist|existing)\b",
    r"\b(?:don't|do not|no longer) (?:\w+ )?want (?:this|my) life\b",
    r"\b(?:not sure|unsure|don't know) (?:if |whether |that |why )?i (?:even )?(?:want|wanna|can|should) (?:to )?(?:live|be alive|go on|keep living)\b"
    + LIVE_END,
    r"\b(?:ved ikke|ikke sikker på|usikker på) (?:om |hvorfor |at )?jeg (?:overhovedet )?(?:vil|gider|orker|kan|skal) (?:\w+ ){0,2}leve\b"
    + LIVE_END,
    r"\bno (?:\w+ )?(?:point|reason|purpose) (?:for me )?(?:in |to |of |for )?(?:(?:liv(?:e|ing)|being here)\b"
    + LIVE_END
    + r"|life\b|being alive|existing)",
    r"\b(?:can't|don't|do not|cannot) see (?:any |a |the )?(?:point|reason) (?:in |to |of )?"
    r"(?:(?:liv(?:e|ing)|going on)\b" + LIVE_END + r"|life\b|being alive)",
    r"\bwhat(?:'s| is) the point (?:in |of )?(?:(?:liv(?:e|ing)|going on)\b"
    + LIVE_END
    + r"|life\b|being alive|it all|anything\b"
    + END
    + r")",
    r"\bnothing (?:left )?to live for\b",
    r"\blife (?:is|feels|seems) (?:\w+ )?(?:pointless|meaningless)\b",
    r"\blife (?:isn't|is not|doesn't feel|does not feel|is no longer|not) (?:\w+ )?worth (?:living|it)\b",
    r"\bnot worth living\b",
    r"\blife has no (?:\w+ )?(?:meaning|point|purpose)\b",
    r"\b(?:tired|sick|done) (?:of|with) (?:living|being alive|life\b" + END + r")",
    r"\bgiv(?:e|en|ing) up on (?:life|living)\b",
    r"\b(?:don't|do not|doesn't|does not) (?:care|matter) (?:if|whether) i (?:live or die|die)\b",
    r"\bwish (?:that )?i(?: was| were|'d| had| hadn't) (?:\w+ )?(?:dead|never been born|not been born|been born|never born|not born)\b",
    r"\bwish i (?:didn't|did not) exist\b",
    # -- wanting to die --------------------------------------------------------------------
    r"\b(?:lyst til|ønsker|ønske|klar til) (?:bare |gerne |helst |egentlig |nogle gange |virkelig )*"
    + AT
    + r"dø\b(?! af| for| med| i (?!(?:flere|mange|lang|et stykke|måneder|uger|nat|morgen|aften|dag)\b))",
    r"\b(?:gid|ønske|ønsker|bare|hellere|bedre) (?:\w+ ){0,2}(?:var|være) død\b(?! end)",
    r"\bbedre død\b",
    r"\b(?:håber|ønsker|ønske) (?:at )?jeg (?:bare )?(?:dør|døde)\b",
    r"\bnemmere (?:bare )?(?:at dø|hvis jeg (?:var død|døde))\b",
    r"\bt(?:ænker|ænkt|ænke|anker|anke|ænkte) (?:\w+ )?(?:på|om) (?:at dø|og dø|døden|at være død)\b",
    r"\bdødsønske\w*|\bdødstanke\w*",
    r"\b(?:want|wanna|wanted|wish|wishing|ready|wants) (?:to )?(?:just |really |simply |honestly |sometimes |kind of )*(?:to )?die\b"
    r"(?! (?:of|for|laughing|a little|down|out|off|hard|inside|trying|when i see))",
    r"\bbetter off dead\b",
    r"\bfe(?:el|lt|eling) like dying\b",
    r"\bwant (?:it all|everything|all of (?:it|this)|all this) to (?:end|stop|be over)\b" + END,
    r"\b(?:vil|ønsker|ønske|gid|lyst til) (?:\w+ ){0,3}det hele (?:til at )?(?:slutter|stopper|slutte|stoppe|ender|ende|er forbi|var forbi)\b"
    + END_OR_WHEN,
    r"\b(?:think|thinking|thought) (?:about|of) not (?:waking up|being here|being alive|existing)\b",
    r"\bwish i (?:wasn't|weren't|was not|were not) (?:alive|born)\b",
    r"\bhvordan (?:jeg )?(?:skal |kunne |kan |vil )?(?:at )?dø\b" + END,
    r"\b(?:ways|how) to (?:die|end it|end my life)\b" + END,
    r"\bhow i (?:could|would|should|might) (?:die|end it)\b" + END,
    r"\brather be dead\b(?! than)",
    r"\bwish i could (?:just )?(?:die|disappear|not wake up|stop existing|vanish)\b",
    r"\b(?:hope|hoping|wish) (?:that )?i (?:don't|do not|won't|never|wouldn't) wake up\b",
    r"\b(?:don't|do not) want to wake up\b(?=" + END_BODY + r"| tomorrow| again| anymore| ever)",
    r"\b(?:sleep|go to sleep|fall asleep) and never wake up\b",
    r"\bnever wake up again\b",
    r"\bthink(?:ing)? (?:a lot )?(?:about|of) (?:dying|death|being dead|not being here)\b",
    r"\bthought (?:a lot )?(?:about|of) (?:dying|death|being dead|not being here)\b",
    r"\bthoughts (?:of|about) (?:dying|death|being dead)\b",
    r"\beasier (?:if i (?:was|were) dead|to die|if i died)\b",
    r"\bif i died tomorrow\b",
    r"\b(?:håber|ønsker|ønske|gid)(?: jeg)? (?:at )?(?:jeg )?(?:ikke|aldrig) (?:vågner|vågnede|ville vågne)\b",
    r"\bvil ikke vågne (?:op )?(?:igen|mere|i morgen)\b",
    r"\bikke (?:vil |gider |har lyst til at |at |ønsker at )?vågne (?:op )?(?:igen|mere|i morgen)\b",
    r"\bønsker ikke at vågne\b",
    r"\bsove (?:ind )?og aldrig vågne\b",
    r"\baldrig vågne (?:op )?igen\b",
    r"\blukke øjnene og (?:aldrig|ikke) (?:at )?åbne dem igen\b|\b(?:aldrig|ikke) (?:at )?åbne øjnene igen\b"
    r"|\bclose my eyes and never open them again\b|\bnever open my eyes again\b",
    r"\bikke (?:lyst til at |har lyst til at |orker at |gider at |gider )?vågne (?:op )?(?:igen|mere|i morgen)\b",
    r"\b(?:vil|gider|ønsker) ikke vågne(?: op)?\b" + END,  # "jeg vil ikke vågne"
    # -- "if i didn't wake up, fine": passive wishes to be dead ---------------------------------------
    r"\bhvis jeg (?:bare )?(?:ikke|aldrig) vågner(?: op)?(?: igen| i morgen| mere)?,? (?:så )?(?:er det|var det|gør det|ville det være|ville det) "
    r"(?:også |bare |egentlig )?(?:fint|ok|okay|lige meget|ligegyldigt|ikke noget|i orden|ikke så slemt|en lettelse|det samme)",
    r"\bif i (?:don't|didn't|never) wake up(?: tomorrow| again)?,? (?:that's|that is|it's|it is|that would be|it would be|that'd be|it'd be|"
    r"so be it|then so be it|i wouldn't mind|i don't mind|fine|whatever)",
    r"\bhvis der skete? mig noget,? (?:så )?(?:ville det|var det|er det) (?:\w+ )?(?:være )?(?:en lettelse|fint|ok|lige meget|en befrielse)",
    r"\bif something happened to me,? (?:it|that) (?:would|'d) (?:be )?(?:\w+ )?(?:a relief|fine|ok|okay|for the best)",
    r"\b(?:wouldn't|would not|won't|will not) be (?:the worst thing|so bad|a bad thing|the end of the world|terrible) if i "
    r"(?:didn't wake up|never woke up|died|" + _HIT + r"|crashed|was gone|wasn't here|disappeared|just died|didn't make it)",
    r"\bikke (?:være )?(?:det værste|så slemt|så skidt|en katastrofe) (?:hvis|om) jeg (?:ikke vågnede|aldrig vågnede|døde|"
    + _RAMT
    + r"|blev kørt ned|forulykkede|kom ud for en ulykke|var væk|ikke var her|forsvandt)",
    r"\b(?:wouldn't|would not|won't|don't|do not) (?:mind|care) if (?:i (?:died|"
    + _HIT
    + r"|got run over|crashed|didn't wake up|"
    r"never woke up|didn't make it|got killed)|(?:a|the) (?:\w+ )?(?:truck|car|bus|train|lorry) (?:hit|hits|ran over|runs over|killed) me|"
    r"(?:the|my) plane (?:crashed|went down|goes down))",
    r"\b(?:ikke have noget imod|ligeglad|være ligeglad|være fint|være okay|være ok) (?:med )?(?:hvis|at|om) (?:jeg )?(?:"
    + _RAMT
    + r"|"
    r"blev kørt ned|blive kørt ned|ikke vågnede|forulykkede|kom ud for en ulykke|omkom)",
    r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:the|my) (?:plane|flight) (?:crashes|goes down|would crash|will crash|went down)",
    r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:crash|die|don't make it|won't make it|get killed|don't survive|"
    r"won't survive|don't come home|won't come back)\b",
    r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:get|got|'d get|would get|will get) (?:hit\b(?! by (?!(?:a|the) "
    r"(?:car|bus|truck|train|lorry)))|run over|killed|in an accident)",
    r"\b(?:håber|ønsker|beder)(?: \w+){0,2} (?:at )?jeg (?:\w+ )?(?:kommer ud for en ulykke|får en ulykke|bliver kørt ned|"
    r"bliver ramt af (?:en bil|en bus|en lastbil|et tog|toget)|forulykker|dør i en ulykke|omkommer|kører galt|ikke overlever|"
    r"ikke kommer hjem)",
    r"\bhåber (?:\w+ )?(?:at )?flyet (?:styrter|falder ned)",
    # -- death as relief, the thought of it as comfort --------------------------------------------
    r"\b(?:lettelse|befrielse|udfrielse) (?:ikke at|at ikke|at slippe for at) (?:være her|være til|leve|vågne|eksistere|være i live)",
    r"\b(?:relief|release) (?:not to|to not|to never) (?:be here|exist|wake up|be alive|live)",
    r"\bdøden (?:ville være|er|virker som|føles som|lyder som) (?:en )?(?:lettelse|befrielse|udvej|løsning)",
    r"\bdeath (?:would be|is|seems like|feels like|sounds like) (?:a )?(?:relief|release|way out|escape|solution)",
    r"\b(?:the (?:thought|idea) of|tanken om|idéen om) (?:ikke at være her|at dø|døden|ikke at eksistere|ikke at vågne|at være død|"
    r"not existing|not being here|not being alive|dying|death|being dead|not waking up|never waking up)\b(?: [\w']+){0,2} "
    r"(?:is|feels|seems|er|føles|virker) (?:\w+ )?(?:comforting|peaceful|appealing|tempting|nice|soothing|calming|a relief|"
    r"beroligende|trøstende|tiltalende|fristende|rar|dejlig|befriende|en lettelse)",
    r"\b(?:peaceful|nice|easy|easier|a relief|restful|fredfyldt|rart|dejligt|nemt|en lettelse) (?:it would be |it'd be |det ville være )?"
    r"(?:to|at|if i|hvis jeg) (?:just |bare )?(?:be dead|die|not wake up|never wake up|not exist|stop existing|sleep forever|was dead|"
    r"were dead|være død|d\xf8|ikke vågne|aldrig vågne|ikke være her|ikke eksistere|sove for evigt|sove for altid)\b",
    r"\b(?:fantasi\w*|fantaser\w*|dagdrøm\w*|daydream\w*) (?:om|about) (?:at dø|døden|at være død|ikke at være her|"
    r"ikke at eksistere|dying|death|being dead|not existing|not being here|killing myself|ending it)",
    r"\b(?:fantaser\w*|fantasi\w*|dagdrøm\w*|daydream\w*|drømmer|drømt|forestiller mig|tænker|tænkt|planlægger|planlagt|"
    r"picture|picturing|imagine|imagining|planning|planned|think|thinking|dream|dreaming) (?:om |on |about |of |på )?"
    r"(?:min (?:egen )?(?:begravelse|død)|my (?:own )?(?:funeral|death))\b",
    r"\b(?:slukke|slukker) (?:for )?(?:det hele|alt|alting|mig selv) (?:for altid|for evigt|permanent)\b"
    r"|\bswitch (?:everything|it all|myself) off (?:permanently|for good|forever)\b|\bswitch off (?:permanently|for good|forever)\b",
    r"\b(?:enough|nok) (?:\w+ )?(?:pills|tablets|piller|sovepiller|tabletter)\b.{0,30}\b(?:to do it|to die|to end it|til at gøre det|"
    r"til at dø|til at det er sikkert|to be sure|til at ende det)\b",
    r"\b(?:piller|sovepiller|tabletter|pills|sleeping pills|tablets) (?:\w+ )?(?:nok|enough)\b.{0,30}\b(?:to do it|to die|to end it|"
    r"til at gøre det|til at dø|til at det er sikkert|to be sure|til at ende det)\b",
    r"\bways? (?:to|of) not (?:be|being) (?:alive\b|(?:here|around)\b(?=" + END_BODY + r"| anymore| any longer))",
    r"\b(?:want|wish|need) (?:the|this|my) (?:pain|hurt|suffering) to (?:stop|end|go away) (?:for good|forever|permanently|once and for all)",
    r"\bsmerten (?:til at )?(?:stopper|stoppe|holder op|forsvinder) for (?:altid|evigt|godt)",
    # -- dark thoughts: ask, whatever else they are about (but not "mørke tanker om økonomien") ----------
    r"\b(?:mørke|sorte) tanker\b(?! om (?!(?:at dø|døden|mig selv|selvmord|livet)\b))",
    r"\b(?:dark|black) thoughts\b(?! (?:about|on|regarding) (?!(?:dying|death|myself|suicide|ending|life)\b))",
    # -- not safe with oneself -------------------------------------------------------------------------
    r"\b(?:scared|afraid|frightened|worried|terrified) (?:of|about) what i (?:might|could|may|will|would) do\b(?="
    + END_BODY
    + r"| to myself| tonight| to me)",
    r"\bbange for hvad jeg (?:kan|kunne|vil|ville|måske) (?:finde på|gøre)\b(?="
    + END_BODY
    + r"| i aften| i nat| (?:at gøre )?(?:mod|ved) mig selv)",
    r"\b(?:don't|do not|can't) trust myself (?:right now|tonight|to (?:stay safe|be alone|keep safe)|alone)\b",
    r"\bstoler ikke på mig selv (?:i aften|i nat|lige nu|alene)\b",
    r"\b(?:can't|cannot|don't know if i can|not sure i can) keep myself safe\b",
    # -- burdensomeness --------------------------------------------------------------------------------
    r"\b(?:jeg er|i'm|føler mig som|feel like|feel like i'm|i am) (?:\w+ ){0,2}(?:en|a) (?:byrde|burden)\b(?="
    + END_BODY
    + r"| (?:for|to|on) (?:alle|everyone|everybody|min|my|mine|de|the people|people|andre|others|dem|them|familien))",
    r"\b(?:doing|do|did) (?:everyone|them|my family|the world|everybody) a favou?r (?:by|if i) (?:not being|not existing|dying|died|"
    r"disappearing|disappeared|being gone|was gone|wasn't here|ending it|killing myself)\b",
    r"\bgøre (?:alle|dem|familien|verden) en tjeneste (?:ved at|hvis jeg) (?:ikke være her|ikke var her|forsvinde|forsvandt|dø|døde|"
    r"tage mit liv|ikke eksistere)\b",
    r"\b(?:life insurance|livsforsikring\w*)\b.{0,60}\b(?:would|'d|ville)\b.{0,40}\b(?:more than (?:i|me)|better off|worth more|"
    r"mere end (?:jeg|mig)|bedre stillet|mere værd)\b",
    r"\b(?:would|'d|ville)\b.{0,40}\b(?:life insurance|livsforsikring\w*)\b.{0,40}\b(?:more than (?:i|me)|better off|worth more|"
    r"mere end (?:jeg|mig)|bedre stillet|mere værd)\b",
    # -- self-harm ----------------------------------------------------------------------------
    r"\bselv ?skad\w*",  # selvskade, selvskadende
    r"\bself ?(?:harm\w*|injur\w*)",
    r"\bskad(?:e|er|ede|et) "
    + SELF
    + r"\b(?! (?:på (?:en|et|arbejdet|værkstedet|byggepladsen|stigen)|ved et uheld|i ryggen|da jeg faldt))",
    r"\bg(?:øre|ør|jorde|jort) " + SELF + r" (?:fortræd|skade|ondt)\b",
    r"\bg(?:øre|ør|jorde|jort) (?:\w+ )?(?:skade|fortræd|ondt) (?:på|mod) mig selv\b",
    r"\b(?:skær(?:e|er|te)?|skar|skåret) (?:i )?(?:mig selv|armene|armen|håndleddet|håndleddene|huden|mine arme|mine håndled)\b"
    r"(?! på | ved et uheld| da (?:jeg|han|hun))",  # not "skar armen på en glasplade"
    r"\b(?:brændt|brændte|brænder|slået|slog|slår|kradset|kradsede|ridset|ridsede|skåret|skar|skærer|bidt|sultet|sultede|"
    r"burn(?:ed|t|ing)?|hit(?:ting)?|scratch(?:ed|ing)?|punch(?:ed|ing)?|starv(?:e|ed|ing)) (?:mig selv|myself|mig|"
    r"my (?:arms?|legs?|skin|thighs?|wrists?))(?! (?:løs|på|fri)\b)(?: \w+){0,3} (?:med vilje|on purpose|deliberately|intentionally|for at (?:mærke|straffe)|"
    r"to feel|to punish)\b",
    r"\b(?:jeg cutter|cutte mig)\b",
    r"\bhænge mig(?: selv)?\b(?=" + END_BODY + r"| i (?:et reb|loftet|garagen|skoven))",
    r"\bskyde mig selv\b(?! i foden)",
    r"\bsl(?:å|år|og|ået) mig selv\b" + END,
    r"\bgøre mig selv noget\b",
    r"\bcut(?:ting)? my (?:arms?|wrists?|legs?|skin|thighs?)\b(?! (?:on|open on|with|while|at work|by accident|accidentally)\b)",
    r"\b(?:hurt|hurting|harm|harming|injure|injuring) my ?self\b"
    r"(?! (?:lifting|at (?:work|the gym)|playing|running|skiing|on (?:the|a)|in (?:a|the) (?:fall|accident)|falling|by accident|accidentally))",
    r"\bcutting my ?self\b(?! (?:some slack|off|short|a break|loose|free|out))",
    r"\bcut my ?self\b(?="
    + END_BODY
    + WHEN
    + r"| again| on purpose| deliberately| last night| yesterday| today| this morning| this week)",
    r"\bhang(?:ing)? my ?self\b",
    r"\bshoot(?:ing)? my ?self\b(?! in the foot)",
    r"\bslit(?:ting)? my wrists?\b",
    r"\b(?:hit|hitting|punch|punching|burn|burning|scratch|scratching) my ?self\b"
    + END
    + r"|\bbanging my head against the wall\b(?= until| till)",
    # -- methods ------------------------------------------------------------------------------
    r"\boverdos\w*",
    r"\btage (?:alle (?:mine )?piller(?:ne)?|hele glasset)\b",
    r"\b(?:samlet|gemt|sparet|samler|gemmer|samle|spare) (?:på |sammen på )?(?:\w+ ){0,2}(?:piller|pills|sovepiller|tabletter)\b",
    r"\b(?:stockpil\w*|saving up|hoarding|stash\w*|a stash of) (?:\w+ ){0,2}(?:pills|meds|tablets|painkillers|medication)\b",
    # taken too many: the past tense ("jeg tager for mange piller mod hovedpine" is about a habit)
    r"\b(?:taget|tog|took|taken|swallowed|slugt|slugte) (?:\w+ )?(?:for mange|alt for mange|en masse|too many|"
    r"a lot of|a bunch of|loads of|a handful of|en håndfuld) (?:\w+ )?(?:piller|pills|sovepiller|tabletter|tablets|pamol|panodil|paracetamol)\b",
    r"\b(?:dødelig|dødbringende) (?:dosis|mængde)|\blethal (?:dose|amount)",
    r"\bhow many (?:\w+ )?(?:pills|tablets) (?:it (?:would |will )?takes?|to (?:die|kill|end)|would (?:kill|it take|do it))",
    r"\bhvor mange (?:\w+ )?(?:piller|tabletter) (?:der skal til|det kræver|skal der til)",
    # -- searching for a way: "har googlet hvordan", "looked up painless ways" ----------------------------
    r"\b(?:googlet|googlede|googler|google|googled|googling|søgt|søgte|søger|searched|searching|search|looked up|look up|looking up|"
    r"researched|researching|research|læst om|read up on) (?:\w+ ){0,3}(?:hvordan|how)\b(?="
    + END_BODY
    + r"| (?:man|jeg|to|i|you) (?:could |would |can |should |skal |kan |kunne |ville )?(?:(?:do it|gør det|gøre det)(?="
    + END_BODY
    + r"| painless| smertefri\w*| without| uden)|d\xf8r|d\xf8|die|end it|tager sit liv|tage mit liv|hænger sig|hang (?:my|your)self|"
    r"kill (?:my|your)self|ender det)\b| painless| smertefri\w*| long it takes| lang tid det tager)",
    # "a painless way to do the inventory" is not one
    r"\b(?:painless|painlessly) (?:ways?|methods?) (?:to (?:die|end it|kill|do it)|of (?:dying|suicide))\b|\bpainless (?:ways?|methods?) to go\b"
    + END,
    r"\bpainless (?:death|suicide|exit)\b|\bdie painlessly\b",
    r"\bsmertefri(?:e|t)? (?:måde|måder|metode|metoder) (?:at dø|til at dø|at gøre det)\b|\bsmertefri død\b|\bsmertefrit at dø\b",
    # -- preparing: letters, giving things away, affairs in order, a rope ----------------------------------
    r"\bafskedsbrev\w*\b(?! til (?:medarbejder\w*|personalet|kunder\w*|teamet|holdet|kolleg\w*|firmaet|mine folk|alle (?:medarbejder|kunder)\w*))",
    r"\b(?:goodbye|farewell|suicide) (?:letter|note|message|video|e?mail)s?\b(?! (?:to|for) (?:the team|my team|staff|my staff|the staff|customers|our customers|"
    r"clients|colleagues|the company|everyone at work))",
    r"\bsaid my goodbyes\b" + END,
    r"\b(?:sagt|sige|siger|sagde) farvel\b.{0,40}\bi (?:mit hoved|mine tanker|tankerne)\b",
    r"\b(?:brev|breve|letters?|notes?) (?:til|to|for) (?:mine børn|børnene|min kone|min mand|min familie|familien|my kids|my children|"
    r"my wife|my husband|my family)\b.{0,40}\b(?:hvis der sker mig noget|hvis jeg ikke er her|når jeg er væk|in case something happens|"
    r"if something happens to me|for when i'm gone|when i'm gone|in case i'm not)",
    r"\b(?:sagt farvel|taget afsked) (?:til|med) (?:livet|verden)\b",
    r"\b(?:allerede|already) (?:sagt farvel|taget afsked) (?:til|med) (?:alle|alt|alting|familien)\b" + END,
    r"\bgiv(?:e|en|ing|ven) (?:away )?(?:all )?(?:of )?my (?:stuff|things|belongings|possessions)(?: away)?\b",
    r"\b(?:givet|giver|give|foræret|forærer|forære) (?:alle )?(?:mine|alle mine) (?:ting|ejendele|sager) (?:væk|bort)\b",
    r"\b(?:getting|got|get|put|putting|sorted|sorting) (?:out )?(?:all )?my affairs(?: in order)?\b" + END,
    r"\b(?:købt|bought) (?:et |a )?(?:reb|rope)\b" + END,
    # -- bridges, roofs, tracks, water ------------------------------------------------------------------------
    r"^(?!.*\b(?:bade\w*|badet|svøm\w*|swim\w*|for sjov|for fun|med (?:børnene|ungerne)|with the kids)\b).*?\b"
    + PLACE
    + r"\b.{0,60}?\b"
    + THOUGHT
    + r"\b.{0,30}?\b(?:springe|hoppe|kaste mig|lade mig falde|falde ned|træde ud|jump|jumping|"
    r"step off|stepping off|let myself fall|letting myself fall|throw myself|throwing myself|go over)\b"
    r"(?! (?:into|in|at|on|ship|to|til|på|over til|ind i|ud som|fra som)\b)",  # not "thought about jumping into the new market"
    r"\b" + PLACE_HIGH + r"\b.{0,60}?\b(?:hvor|how) (?:nemt|let|easy|simple) (?:det |it )?(?:ville|kunne|would|could)\b",
    r"\b"
    + PLACE_HIGH
    + r"\b.{0,60}?\b(?:ville|kunne|would|could) (?:være|be) (?:så )?(?:nemt|let|easy|simple|fristende|tempting)\b"
    + END,
    r"\b(?:tænkt|tænker|tænkte|overvejet|overvejer|lyst til) (?:\w+ )?(?:på |om )?(?:at |og )?(?:springe|hoppe)\b" + END,
    r"\b(?:think|thinking|thought|thoughts) (?:about|of) jumping\b" + END,
    r"\b(?:hvor|how) (?:nemt|let|easy|simple) (?:det |it )?(?:ville være|would be|kunne være|could be|'d be) (?:at|to) (?:just |bare )?"
    r"(?:springe|hoppe|dreje rattet|lade mig falde|jump|swerve|end it|stop it all|drive into|køre ind i)\b",
    r"\b(?:hvor|how) (?:nemt|let|easy|simple) (?:det |it )?(?:ville være|would be|kunne være|could be|'d be) (?:at|to) (?:just |bare )?"
    r"(?:let go|give slip|slippe)\b" + END,
    r"\b(?:stare|stared|staring|look|looked|looking|kigge|kigget|kigger|kiggede|stirre|stirret|stirrer|stirrede) (?:\w+ ){0,2}"
    r"(?:at|on|på|ned på) (?:the )?(?:train tracks|tracks|togskinnerne|skinnerne)\b",
    r"\b(?:gå|går|vade|svømme|walk|walking|swim|swimming) (?:ud )?(?:i|into|out into) (?:havet|vandet|søen|fjorden|the sea|the water|"
    r"the lake|the ocean)\b(?: [\w']+){0,2} (?:og|and) (?:aldrig|ikke|never|not) (?:komme|vende|come|coming) (?:op|tilbage|back|up)",
    r"\btake all (?:my|the) pills\b",
    r"\b(?:springe|hoppe|kaste mig) ud (?:fra|foran) (?:toget|et tog|en bro|\w*broen|taget|et vindue|altanen|en bil|en lastbil|bussen)\b",
    r"\b(?:driv(?:e|ing)|drove|driven) (?:my car |the car |the van )?off (?:a|the) (?:bridge|cliff|pier|quay)\b",
    # -- the only way out -------------------------------------------------------------------------------------
    r"\b(?:only|eneste) (?:way out|udvej|vej ud|løsning|solution|option)\b.{0,20}\b(?:to die|dying|death|at d\xf8|døden|suicide|selvmord|"
    r"to end it|at ende det|to kill myself)\b",
    r"\b(?:døden|death|dying|at d\xf8|to die)\b.{0,20}\b(?:only|eneste) (?:way out|udvej|vej ud|løsning|solution|option)\b",
    r"\b(?:gøre noget|betyde noget|matter|make a difference) (?:hvis|if|om) (?:jeg|i) (?:bare |just )?(?:døde|died|forsvandt|"
    r"disappeared|var væk|was gone|ikke var her|wasn't here)\b",
    r"\b(?:a|my|the|en) plan (?:to|for how to|of how to) (?:end it|end my life|kill myself|die)\b" + END,
    r"\bkøre (?:galt med vilje|ind i (?:et træ|en lastbil|en mur|modkørende|autoværnet))\b",
    # -- driving into something -------------------------------------------------------------------------------
    r"\b(?:køre|kører|kørte|styre|styrer|dreje|drejer|trække|trækker|svinge|svinger) (?!.{0,60}\b(?:overhale|overtake)\b)"
    r"(?:bilen |rattet |over |ind )?(?:ind i|ind foran|"
    r"ind mod|ud foran|lige ind i|over i) (?:et træ|en lastbil|en mur|en betonpille|en bropille|en bro|en klippe|en husmur|modkørende|"
    r"modsatte vognbane|den modsatte vognbane|modsat vognbane|autoværnet|en bus|et tog|toget)\b",
    r"\bkøre (?:bilen )?(?:ud i|ud over|ind i) (?:havnen|vandet|fjorden|søen|kajen|kanalen)\b",
    r"\b(?:swerv\w*|steer\w*|driv(?:e|ing)|drove|veer\w*) (?:my car |the car |the van )?(?:into|in front of|across into) (?:a tree|a wall|"
    r"oncoming traffic|the oncoming|a truck|a lorry|a bridge|a pillar|the central reservation|the barrier|a concrete|the sea|the harbour|the river)",
    r"\b(?:let(?:ting)? go of the (?:steering )?wheel|give slip på rattet|slippe rattet)\b(?=.{0,30}\b(?:motorway|highway|motorvejen|"
    r"while driving|når jeg kører|in the car|i bilen|at speed|i fuld fart|på vej hjem|on the way home|på landevejen)\b)",
    r"\b(?:step(?:ping)?|walk(?:ing)?) (?:out )?into (?:the )?traffic\b",
    r"\bgå ud foran (?:en bil|en bus|en lastbil|toget|et tog|bilerne)\b",
    r"\b(?:lægge mig|ligge) (?:ned )?på (?:skinnerne|togskinnerne)\b|\blie down on the (?:tracks|railway)\b",
    r"\bjump(?:ing)? (?:off|from) (?:a|the) (?:bridge|building|roof|cliff|balcony)\b",
    r"\b(?:jump|step|throw myself|walk)(?:ping|ing)? in front of (?:a|the) (?:train|bus|car|truck|lorry)\b",
    r"\bdriv(?:e|ing) (?:my car )?into (?:a tree|a wall|oncoming traffic|a truck|a lorry)\b",
    r"\bcrash(?:ing)? (?:my|the) car (?:on purpose|deliberately)\b",
    # -- others better off, nobody would miss me --------------------------------------------
    r"\b(?:alle|verden|familien|min familie|børnene|mine børn|min kone|min mand|everyone|everybody|the world|"
    r"my family|my kids|my wife|my husband|people|mine nærmeste|min kæreste|my loved ones|my children|the kids|ungerne)\b"
    r"(?: [\w']+){0,5} (?:bedre|better off|better|happier|gladere|lykkeligere) " + GAP + r"{0,2}(?:uden mig|without me)\b",
    r"\b(?:alle|verden|familien|min familie|børnene|mine børn|min kone|min mand|everyone|everybody|the world|"
    r"my family|my kids|my wife|my husband|mine nærmeste|min kæreste|my loved ones|my children|the kids|ungerne)\b"
    r"(?: [\w']+){0,3} (?:would|'d|ville) (?:\w+ ){0,3}(?:fine|fint|okay|ok|alright|glad|happy|just fine|glade|lettede|relieved) "
    r"(?:uden mig|without me)\b" + END,
    r"\b(?:wish|hope|hoping|wishing) (?:that )?(?:a|the) (?:car|bus|truck|lorry|train) (?:would |will )?(?:hit|hits|run over|runs over|"
    r"kill|kills) me\b",
    r"\b(?:håber|ønsker)(?: \w+){0,2} (?:at )?(?:en|et) (?:bil|bus|lastbil|tog) (?:vil |ville )?(?:rammer mig|ramme mig|kører mig ned|"
    r"køre mig ned|kører over mig|dræber mig)",
    r"\b(?:bedre|better off|better|nemmere|easier|lettere|nemmest|easiest|lettest|bedst|happier|gladere|lykkeligere|lettede|relieved|simpler) "
    r"(?:for (?:alle|everyone|everybody|familien|min familie|my family|dem|them|os alle|all of us) )?(?:hvis|if) (?:jeg|i) (?:bare |just |simply )?"
    r"(?:ikke var her|var væk|var død|ikke fandtes|ikke levede|ikke vågnede|ikke vågner|aldrig vågnede|døde|forsvandt|ikke var til|"
    r"was dead|were dead|was gone|were gone|wasn't here|weren't here|wasn't around|weren't around|didn't exist|was not here|were not here|"
    r"didn't wake up|never woke up|died|disappeared|wasn't alive)\b(?! (?:fra|from|til|to|for|in|on|på|ned|into|ind)\b| i (?!morgen|nat|aften))",
    r"\b(?:no one|nobody|noone|ingen|ikke nogen)(?: would| will|'d| ville| vil)? (?:even |really |overhovedet |engang |nok )?(?:care|notice|"
    r"miss me|savne mig|opdage det|opdage|lægge mærke til det|lægge mærke til|være ligeglad|blive ked af det)\b(?: [\w']+){0,2} (?:if|hvis|om) "
    r"(?:i|jeg) (?:just |bare )?(?:died|was gone|were gone|disappeared|wasn't here|weren't here|wasn't around|weren't around|was dead|"
    r"killed myself|døde|var væk|forsvandt|ikke var her|var død|tog mit liv)",
    r"\b(?:ingen|ikke nogen) (?:ville|vil) (?:\w+ )?savne mig\b",
    r"\b(?:no one|nobody|no one)(?: would| will|'d) (?:even )?(?:miss me|notice if i (?:was gone|were gone|died|disappeared|wasn't here|weren't here|was dead))\b",
    r"\b(?:en|a) (?:byrde|burden) (?:for|to|on) (?:alle|everyone|everybody|min familie|familien|my family|mine nærmeste)\b",
]

# Alarming about the writer, ordinary about someone or something else ("vi skal gøre en
# ende på det", "det tager livet af mig"). They count unless the nearest subject is
# someone/something else (see `_about_other`).
ACUTE_UNLESS_OTHER: List[str] = [
    r"\b(?:vil|ville) (?:bare |gerne |helst |egentlig |nogle gange |virkelig |så |allerhelst )*dø\b" + END,
    r"\bta(?:ge|g|')? livet af mig(?: selv)?\b",  # "bogføringen tager livet af mig" is an idiom,
    r"\bjeg tager livet af mig\b",  # so the present tense counts only with "jeg"
    r"\bta(?:ger|r) mit liv\b",  # "arbejdet tager mit liv" is about work
    r"\bg(?:øre|ør|jorde|jort) (?:næsten |nærmest |bare )?(?:en )?ende på (?:det hele|alting|alt|det)\b"
    r"(?=" + END_BODY + WHEN + r"| i (?:går|nat|aftes|weekenden|sidste uge))",
    r"\bskad(?:e|er|ede|et) mig\b" + END,
    r"\bwant (?:it|this) (?:all )?to (?:end|stop|be over)\b" + END,
    r"\b(?:gøre|gør|gjorde) noget (?:dumt|ved mig selv)\b" + END,
    r"\bdo(?:ing)? something (?:stupid|to myself)\b" + END,
    r"\bende(?:r)? (?:det hele|alting)\b" + END_OR_WHEN + r"|\bende(?:r)? det\b" + END,
    r"\bend(?:ing)? (?:it|things|everything)\b" + END_OR_WHEN,
    r"\bend(?:ing)? (?:it|things|everything)\b(?= when i'm| when i am| while i'm| when i'm driving| når jeg (?:er|kører|ligger|sidder))",
    r"\bslut(?:te|ter|tet)? (?:det hele|alting)\b(?! af)"
    + END_OR_WHEN,  # "tanker om at slutte det hele", not "vi slutter det hele af"
    r"\b(?:ingen|ikke nogen|ikke se nogen|ikke (?:se|finde) en) (?:anden )?(?:vej ud|udvej)\b" + END,
    r"\bno (?:\w+ )?(?:point|reason|purpose) (?:in |to )?(?:go(?:ing)? on|keep(?:ing)? going|carry(?:ing)? on)\b" + END,
    r"\b(?:no|not any|not a|don't see a|can't see a|can't see any) way out\b" + END,
    r"\bcan't (?:go on|keep going)\b(?=" + END_BODY + r"| anymore| any longer| living| like this)",
    r"\bkan ikke (?:fortsætte|blive ved)\b(?= sådan| på den måde| med at leve| mere| længere)",
    r"\bikke (?:se )?(?:nogen )?grund til " + AT + r"(?:fortsætte|blive ved)\b" + END,
]

# Only alarming when the writer says it of themselves, or says it bare (the
# message is just the phrase): "jeg har lyst til at forsvinde", but not "kunderne forsvinder".
ACUTE_SELF: List[str] = [
    r"\bforsvind(?:e|er)?\b(?=" + END_BODY + r"| for altid| for evigt| helt| fra (?:det hele|alting|alt|jorden|"
    r"verden|livet|alle)| ud af (?:livet|verden)| og aldrig komme tilbage)",
    r"\b(?:disappear|vanish)\b(?=" + END_BODY + r"| forever| for good| permanently| from (?:the world|everything|"
    r"this world|existence|the earth|the face of the earth))",
    r"\b(?:være|var) væk\b(?= for altid| for evigt| for good|" + END_BODY + r")",
    r"\bvæk (?:for altid|for evigt)\b(?! fra (?!(?:det hele|alting|alt|livet|verden|jorden|alle)\b))",
    r"\bikke (?:\w+ ){0,3}være her\b(?=" + END_BODY + r"| mere| længere| på jorden)",
    r"\b(?:don't|do not|no longer) (?:\w+ )?(?:want to|wanna) be here\b(?="
    + END_BODY
    + r"| anymore| any longer| no more| on this earth| in this world)",
    r"\bcutting (?:my ?self )?again\b" + END,  # "cutting again, i can't stop"
    r"\b(?:started|start|back to|begun) cutting\b" + END,
    r"\bcutte(?:r|t|de)?\b(?! (?:igen )?(?:i |på |ned|af |ud |væk|budget|omkostning|udgift|stilling|møde|løn))(?="
    + END_BODY
    + r"| mig\b)",
    r"\bikke værd at redde\b|\bnot worth saving\b",  # "jeg er ikke værd at redde", not "the old van is not worth saving"
    r"\b(?:stop|cease) (?:to )?exist(?:ing)?\b",
    r"\bnot (?:to )?exist anymore\b",
    r"\bikke (?:at )?eksistere\b(?=" + END_BODY + r"| mere| længere)",
]

# --------------------------------------------------------------------------------------
# STRAIN: about oneself, not acute.
# --------------------------------------------------------------------------------------

# Crying at a wedding or a graduation is not strain.
_HAPPY_TEARS = (
    r" (?:til|ved|under|at|during) (?:[\w']+ ){0,3}(?:bryllup\w*|dåb\w*|konfirmation\w*|film\w*|translokation\w*|"
    r"afslutning\w*|wedding\w*|graduation\w*|christening\w*|movie\w*)"
    r"| (?:when|da) (?:we|vi) (?:won|got|finished|opened|signed|vandt|fik|åbnede|blev færdige)"
)

# Count when said of oneself or bare ("helt udbrændt", "burnt out").
STRAIN_PATTERNS: List[str] = [
    # -- burnt out ------------------------------------------------------------------------------
    r"\budbrændt\b",  # singular: "de er udbrændte" is about others
    r"\budbrænt\b",  # udbrænt, udbrent (typos)
    r"\bbrunt out\b|\bburn(?:t|ed)out\b",
    r"\bbrændt (?:helt )?ud\b",
    r"\b(?:brænder|brænde) " + GAP + r"?ud\b",
    r"\bbrænder lyset i begge ender\b",
    r"\bburn(?:t|ed|ing)? out\b",
    r"\bburning the candle at both ends\b",
    # -- going down with stress, breaking down -------------------------------------------------
    r"\bg(?:å|år|ået|ik) ned med stres+\b",
    r"\bved at gå ned\b" + END,
    r"\bramt af stress\b",
    r"\bstress ?ramt\b",
    r"\bstress ?sygemeldt\b",
    r"\bsygeme(?:l|ld)(?:t|e|er|ing)?(?: mig)?(?: \w+){0,4} (?:med|pga\.?|på grund af|for|af) stres+\b",
    r"\b(?:signed off|off sick|off work|on sick leave|sick leave|on leave) (?:work )?(?:with|because of|due to|for) (?:stress|burnout|anxiety|depression)\b",
    r"\bstress ?diagnose\w*|\b(?:diagnos\w*|konstateret) (?:med |with )?(?:en )?(?:stress|depression|angst|anxiety|burnout|udbrændthed)\b",
    r"\bramt af (?:en )?(?:depression|angst)\b",
    r"\bstress leave\b",
    r"\bgoing down with stress\b",
    r"\b(?:bryde|bryder|brød|brudt) sammen\b",
    r"\bfald(?:er|e)? (?:helt )?fra hinanden\b",
    r"\b(?:går|gå) i stykker\b",
    r"\bknæk(?:ker|ket|ke)\b" + END,
    r"\bknække?r? sammen\b(?! af grin)",
    # "jeg gik helt i sort"; "skærmen gik i sort" is about the screen, "jeg går altid i sort tøj" about clothes
    r"\bg(?:å|år|ået|ik) helt i sort\b|\bg(?:å|år|ået|ik) i sort\b" + END,
    r"\bg(?:år|å|ået) i opløsning\b",
    r"\bved at gå til\b(?=" + END_BODY + r"| af)",  # not "ved at gå til tandlægen"
    r"\b(?:ramt|ramme|rammer|ramte|kørt|køre|kører|kørte|på vej|brage|brager) (?:ind i |lige ind i |ind på |på )?(?:muren|væggen)\b",
    r"\bkører på (?:ren |den rene )?(?:vilje|viljestyrke)\b",
    r"\bhænger (?:lige )?(?:i|fast) med (?:neglene|det yderste af neglene)\b",
    r"\b(?:alt|alting|det hele|livet) sejler\b" + END + r"|\bsejler for mig\b|\bjeg sejler rundt\b",
    r"\b(?:mit liv|min tilværelse|my life) (?:ramler|smuldrer|falder fra hinanden|er ved at falde fra hinanden|"
    r"is falling apart|is crumbling)\b",
    r"\b(?:drukner|drowning|ved at drukne)\b(?="
    + END_BODY
    + r"| i det hele| i alt| in everything| in it all| at work| på arbejdet)",
    r"\bgoing under\b" + END + r"|\bgår under\b" + END,
    r"\bat my wits'? end\b(?! with)",
    r"\b(?:hanging|holding on|hanging on) by a (?:thread|hair)\b",
    r"\b(?:about to|going to|gonna|ready to|close to) (?:snap|crack|break|break down)\b" + END,
    r"\blosing (?:my mind|it|the plot)\b" + END,
    r"\bved at blive (?:skør|sindssyg|vanvittig|tosset|gal)\b(?: af (?:det(?: her| hele)?|alt|alting))?" + END,
    r"\b(?:i'm|i am|i feel like) (?:a |an )?(?:\w+ )?(?:wreck|mess)\b" + END,
    r"\bfall(?:ing)? (?:to|into) pieces\b|\bfalder (?:helt )?i stykker\b",
    r"\b(?:mentally|emotionally) checked out\b|\bchecked out (?:mentally|emotionally)\b",
    r"\b(?:at|hit|reached) my limit\b" + END + r"|\b(?:nået|ramt) (?:min|mine) (?:grænse|grænser|smertegrænse)\b" + END,
    # "given up" alone or on everything ("i gave up, so now we have a bookkeeper" goes on)
    r"\b(?:given up|gave up|giving up|givet op|giver op)\b(?=\s*(?:$|[.!?])| on (?:everything|myself|it all|life)| completely| totally"
    r"| honestly| helt| fuldstændig| på alt| på mig selv)",
    r"\b(?:so|just|completely|totally|utterly) done\b" + END,
    r"\b(?:so|completely|totally|utterly|constantly|always|really) overwhelmed\b(?! (?:with|by|of|af)\b)"
    r"|\boverwhelmed (?:all the time|constantly|every day|by everything|hele tiden)",
    r"\b(?:fucked|fucket) (?:op|up) (?:i hovedet|in the head|psykisk|mentalt)\b|\bmentally fucked\b",
    r"\bcan (?:barely|hardly) function\b|\bkan (?:næsten ikke|knap) fungere\b",
    r"(?<!n\xe5r )(?<!hvis )(?<!when )\b(?:min krop|kroppen) (?:siger fra|siger stop|er ved at give op|giver op|strejker)\b"
    + END
    + r"|\bmy body is (?:shutting down|giving up|giving out)\b",
    r"\bkørt (?:helt )?(?:ned|i sænk)\b",
    r"\bkører på (?:pumperne|reserverne|dampene|sidste reserve)\b",
    r"\bpå randen\b(?= af (?:et )?sammenbrud|" + END_BODY + r")",
    r"\bpå kanten\b(?= af (?:et )?sammenbrud|" + END_BODY + r")",
    r"\b(?:er|føler mig) (?:helt |totalt |fuldstændig )?(?:knust|i stykker|smadret)\b" + END,
    r"\bnervous breakdown\b",
    r"\bbreaking down\b(?=" + END_BODY + r"| in tears| crying| at work| at my desk)",  # not "breaking down the tasks"
    r"\bfall(?:ing)? apart\b",
    r"\bat (?:my )?breaking point\b",
    r"\bat the end of my (?:rope|tether)\b",
    r"\bcan't cope\b",
    r"\bnot coping\b",
    r"\bbarely (?:coping|holding on|keeping my head above water|functioning)\b",
    r"\bholding on by a thread\b",
    r"\bcan't (?:take|handle|do|bear|stand|manage) (?:it|this|any of this|much more)? ?(?:anymore|any longer)\b",
    r"\bcan't anymore\b",
    r"\bstruggling\b" + END,
    r"\bstruggling (?:badly|a lot|so much|massively|really hard|hard)\b" + END,
    r"\b(?:really|seriously) struggling\b",
    r"\bnot ok(?:ay)?\b(?: at all)?" + END,
    r"\bnot doing (?:well|ok|okay|great|good)\b(?: at all)?" + END,
    r"\b(?:in|på) (?:a |et )?(?:very |really |so |meget |virkelig )?(?:dark|mørkt) (?:place|sted)\b",
    r"\bhit (?:rock bottom|a wall|the wall)\b" + END,
    r"\bramt muren\b",
    r"\b(?:(?:presset|spændt|strakt|kørt) )?(?:til|på) bristepunktet\b",
    r"\b(?:psykisk|mentalt) (?:helt )?(?:smadret|knust|nedbrudt|i stykker)\b",
    r"\bhader mit liv\b|\bhate my life\b",
    r"\b(?:kan ikke se|ser ingen|ser ikke|har ingen|can't see|see no|have no) (?:nogen |any |a |en )?(?:fremtid|future)\b"
    r"(?=" + END_BODY + r"| for mig| for me)",
    r"\b(?:no|intet|ikke noget|ingen) (?:\w+ )?(?:hope|håb) (?:for|til) (?:me|mig)\b" + END,
    r"\b(?:ingen|ikke nogen) glæde (?:ved|i|af) (?:noget|nogenting|noget som helst|livet|alt)\b",
    r"\bkan (?:\w+ )?ikke (?:holde op|stoppe) med at græde\b|\bcan't stop crying\b",
    r"\btræt af at være mig\b" + END + r"|\btired of being me\b" + END,
    r"\bhaving (?:a |such a )?(?:really |very |so )?(?:hard|rough|tough|difficult) time\b(?="
    + END_BODY
    + r"| of it| at the moment)",
    r"\b(?:everything|alt|alting|det hele) (?:is |er )?(?:falling apart|falder fra hinanden)\b" + END,
    r"\bondt (?:\w+ ){0,3}af stress\b|\b(?:hovedpine|mavepine|migræne|headaches?|stomach ?aches?) (?:af|pga\.?|from) stress\b",
    r"\b(?:helt |totalt )?nedslidt\b" + END,
    # -- "jeg kan ikke mere" about oneself (not "vil ikke mere have møder") ----------------------
    r"\bkan (?:bare |simpelthen |altså |virkelig |snart |ærlig talt )?ikke (?:mere|klare mere|klare det mere|klare det længere|holde det ud(?: mere| længere)?)\b"
    r"(?=" + END_BODY + r"| med (?:det|arbejdet|jobbet|firmaet|stillingen|ledelsen)| på arbejdet| som leder)",
    r"\b(?:orker|magter) (?:bare |simpelthen |altså |virkelig |snart )?ikke(?: mere| længere)?\b" + END,
    r"\bgider ikke (?:mere|længere)\b" + END,
    r"\bvil ikke mere\b" + END,
    r"\bkan ikke overskue (?:noget|nogenting|mere|det hele|hverdagen|noget som helst)\b",
    r"\b(?:orker|magter|kan|klarer|gider) (?:det|det her|det hele) ikke (?:mere|længere)\b" + END,  # "jeg magter det ikke mere"
    r"\bklarer (?:det|det her|det hele) ikke\b(?: mere| længere)?" + END + r"|\bklarer ikke mere\b" + END,
    r"\bkan (?:\w+ )?ikke holde til (?:det|mere|presset|det her)\b(?: mere| længere)?" + END,
    r"\btræt af (?:det hele|alting|alt)\b" + END + r"|\b(?:tired|sick) of (?:everything|it all)\b" + END,
    r"\bvokser mig over hovedet\b",
    r"\b(?:alt|alting|det hele|everything) (?:føles|er|virker|feels|is|seems) " + GAP + r"?"
    r"(?:håbløst|meningsløst|uoverskueligt|for meget|hopeless|pointless|meaningless|too much)\b",
    r"\bfærdig med det hele\b",
    r"\bdone with (?:it all|everything)\b",
    r"\bhelt færdig\b" + END,
    # -- feeling bad / low ----------------------------------------------------------------------------
    r"\bhar det " + GAP + r"{0,2}?(?:ikke|ik) (?:så |særlig |specielt |rigtig |super |helt )?godt\b"
    r"(?=" + END_BODY + r"| psykisk| mentalt| for tiden| i øjeblikket| lige nu| med mig selv)",
    r"\bhar det " + GAP + r"{0,2}?(?:dårligt|skidt|elendigt|ad h\w* til|ad h til|forfærdeligt|svært|hårdt)\b"
    r"(?=" + END_BODY + r"| psykisk| mentalt| for tiden| i øjeblikket| lige nu| med mig selv)",
    r"\b(?:er|føler mig) " + GAP + r"{0,2}?nede\b(?=" + END_BODY + r"| psykisk| mentalt| i perioder| og ked af det)",
    r"\bnedtrykt\b",
    r"\bdeprimeret\b",
    r"\bdepressiv\b",
    r"\bdepressed\b",
    r"\bfeel(?:ing)? "
    + GAP
    + r"?(?:awful|terrible|miserable|low|down|hopeless|helpless|worthless|broken|useless|numb|empty|hollow|dead inside)\b"
    + FEEL_END,
    r"\bføler mig " + GAP + r"?(?:håbløs|magtesløs|fortabt|værdiløs|ubrugelig|ødelagt|knust|tom|numb|følelsesløs)\b",
    r"\bfølelsesløs\b(?! i (?:fingrene|hænderne|benet|benene|armen|fødderne|tæerne|ansigtet))",
    r"\bføler (?:ingenting|intet|ikke noget|ikke en skid)\b(?=" + END_BODY + r"| længere| mere| overhovedet| for tiden)",
    r"\b(?:dead|død) (?:inside|indeni|inden i)\b",
    r"\b(?:mistet|tabt) (?:\w+ )?(?:glæden|lysten|gnisten|interessen) (?:ved|i|til|for) (?:alt|alting|det hele|livet|noget som helst)\b",
    r"\blost (?:all )?(?:interest|joy|pleasure) in (?:everything|life|anything)\b"
    r"|\bnothing (?:brings|gives) me (?:any )?(?:joy|pleasure)\b(?! (?:like|more than|quite like|as much as)\b)",
    r"\bhaven't (?:felt|had) (?:any )?joy in (?:months|weeks|ages|a long time|years)\b",
    r"\bikke (?:grinet|smilet|glædet mig over noget) i (?:flere |mange )?(?:måneder|uger|lang tid|evigheder)\b",
    r"\b(?:alt|everything|det hele|livet|life) (?:føles|er|feels|is|seems|virker) "
    + GAP
    + r"?(?:sort|mørkt|dark|black|bleak)\b"
    + END,
    r"\b(?:i|ned i|på vej ned i) (?:et )?sort hul\b|\bin a (?:deep |dark )?black hole\b",
    r"\bføler mig som (?:en )?(?:fiasko|taber)\b|\b(?:i'm|feel like|feel like i'm) (?:such |a |a total |a complete |an utter )*failure\b"
    r"(?! (?:at|with|when|in)\b)",  # not "i'm a failure at delegating"
    r"\bhader mig selv\b(?=" + END_BODY + r"| for tiden)|\bhate myself\b(?=" + END_BODY + r"| lately| these days)",
    r"\b(?:en )?(?:tom )?skal af mig selv\b|\bshell of (?:my ?self|who i was)\b|\bføler mig som en (?:tom )?skal\b",
    r"\bved siden af mig selv\b|\b(?:stresset|presset|bange|nervøs) ud af mit gode skind\b",
    r"\b(?:mistet|tabt) mig selv\b|\blost myself\b" + END,
    r"\b(?:kan ikke|kan ikke længere) genkende mig selv\b|\bgenkender ikke (?:længere )?mig selv\b|\b(?:don't|can't) recogni[sz]e myself\b",
    r"\bgår rundt i (?:en )?(?:tåge|døs|osteklokke)\b|\bin a (?:constant )?fog\b" + END,
    r"\b(?:smadret|knust|nedbrudt|ødelagt|færdig|udkørt|drænet|udmattet|nedslidt) (?:psykisk|mentalt)\b",
    r"\bked af det (?:hele tiden|hver dag|det meste af tiden)\b",
    r"\bselvdestruktiv\w*|\bself destructive\b",
    # -- empty -------------------------------------------------------------------------------------------
    r"\b(?:er|føles) " + GAP + r"{0,2}?tom\b(?=" + END_BODY + r"| indeni| inden i| i hovedet)",
    r"\btom (?:indeni|inden i)\b",
    r"\btom for (?:energi|kræfter|overskud|krudt)\b",
    r"\b(?:intet|ikke mere|ikke noget|ingenting) (?:\w+ )?tilbage at give\b",
    r"\b(?:ingen|ikke nogen|ikke flere) (?:kræfter|energi|overskud) tilbage\b(?="
    + END_BODY
    + r"| til noget| overhovedet| at give)",
    r"\b(?:tom og )?flad (?:indeni|inden i)\b",
    r"\b(?:mit|my) batteri (?:er )?(?:helt |totalt |fuldstændig )(?:fladt|tomt|afladet)\b|\bmy battery is (?:completely |totally )(?:flat|empty|drained)",
    r"\b(?:exhausted|udmattet|drained|worn out) (?:all the time|constantly|every day|hele tiden|konstant|hver dag)\b|\b(?:konstant|constantly|always) (?:exhausted|udmattet|drained)\b",
    r"\b(?:psykisk|mentalt|følelsesmæssigt) " + GAP + r"?(?:udmattet|drænet|færdig|nedslidt|udkørt)\b",
    r"\brunning on (?:empty|fumes)\b",
    r"\bnothing left (?:to give|in the tank)\b",
    r"\bempty inside\b",
    r"\b(?:i'm|am) " + GAP + r"?(?:empty|numb|hollow)\b" + END,
    r"\b(?:emotionally|mentally|psychologically) (?:drained|exhausted|spent|wrecked|fried)\b",
    # -- sleep -------------------------------------------------------------------------------------------
    r"\bsover (?:jeg )?(?:ikke|næsten ikke|stort set ikke)\b(?! (?:længe|til|ud|i weekenden|så længe|særlig længe|dårligt|så dårligt|nok))",
    r"\bsov (?:jeg )?ikke\b(?! (?:længe|til|ud))",
    r"\bkan (?:jeg )?ikke sove\b(?! (?:længe|ud|til))",
    r"\bfår (?:jeg )?ikke sovet\b(?! (?:nok|længe|ud|til))",
    r"\bhar (?:jeg )?ikke sovet\b(?! (?:længe|til|ud))",
    r"\bsøvnløs\w*",
    r"\bligger " + GAP + r"?vågen\b",
    r"\bvågner (?:hver nat|flere gange (?:hver|om) nat\w*|midt om natten|(?:kl\.? ?|klokken )[234]\b)",
    r"\bsover (?:kun |max |maks |højst |omkring |ca\.? )?(?:[1-4]|en|to|tre|fire)(?: til (?:[2-5]|to|tre|fire|fem))? timer\b"
    r"(?! (?:længere|mere|ekstra|til middag|middagslur))",
    r"\bsover (?:rigtig|virkelig|elendigt|meget|helt) (?:dårligt|elendigt|skidt)\b",
    r"\bsover elendigt\b",
    r"\bcan't sleep\b(?! in)",
    r"\bhaven't slept\b",
    r"\bnot sleeping\b(?! (?:in|enough|much|late|well enough))",
    r"\bdon't sleep\b(?! (?:in|enough|much|late))",
    r"\bbarely sleep(?:ing)?\b",
    r"\bsleepless\b",
    r"\binsomnia\b",
    r"\b(?:lie|lying|lay) awake\b",
    r"\bawake (?:all night|every night|at night|at [234])\b",
    r"\bwak(?:e|ing) up (?:at [234]|every night|in the middle of the night|in a panic|panicking)\b",
    r"\bonly sleep(?:ing)? (?:[1-4]|one|two|three|four) hours\b",
    r"\bkan (?:\w+ )?ikke (?:slukke|lukke ned for|stoppe|slå) (?:for )?(?:hovedet|hjernen|tankerne|tankemylderet)\b",
    r"\bcan't (?:switch|turn|shut) off my (?:brain|head|mind|thoughts)\b|\bcan't (?:switch|turn|shut) my (?:brain|head|mind|thoughts) (?:off|down)\b",
    r"\btankemylder\b|\bracing thoughts\b|\bmind (?:won't stop|keeps) racing\b|\bmind (?:races|is racing) (?:all night|at night|every night)\b",
    r"\bkører rundt i hovedet på mig (?:hele natten|om natten|hele tiden|konstant)\b|\btankerne (?:kører|kværner|myldrer) (?:hele natten|om natten|hele tiden|konstant)\b",
    r"\bkan (?:næsten |knap |slet )?ikke (?:komme|stå) (?:ud af|op af|op fra) sengen\b(?! (?:før|uden|tidligt))"
    r"|\bcan't (?:get|drag myself) out of bed\b(?! (?:before|until|without|early))|\bcan barely get out of bed\b",
    # drinking to sleep or cope: alcohol, not "kamillete for at kunne sove" or "coffee to cope with early mornings"
    r"\bdrikker (?:hver aften |hver nat |for meget |alene |vin |øl |sprut |whisky |mig )?for at (?:kunne )?(?:sove|falde i søvn|glemme|klare det)\b",
    r"\bdrinking (?:every night |each night |alone |heavily |a lot |too much )?(?:just )?to (?:get to sleep|sleep|fall asleep|cope|forget|"
    r"get through the (?:day|night))\b|\bdrink(?: myself)? to (?:sleep|cope|forget)\b",
    r"\bkan (?:\w+ )?ikke koncentrere mig (?:om (?:noget|nogenting|noget som helst)|længere|mere)\b(?! end)"
    r"|\bcan't (?:concentrate|focus) on anything\b",
    # -- panic, anxiety, body ------------------------------------------------------------------------------
    r"\bpanik ?anfald\w*|\bangst ?anfald\w*|\bpanik ?angst\b",
    r"\bpanic attacks?\b",
    r"\b(?:får|fik|har|går i|gik i) panik\b",
    r"\bpanicking\b",
    r"\bhjertebank\w*",
    r"\bhjertet (?:hamrer|galopperer|banker)\b(?!(?: \w+)? for\b)",  # not "hjertet banker for faget"
    r"\b(?:heart|hjertet) (?:races|pounds|is racing|is pounding|keeps racing|hamrer|galopperer) (?:every time|whenever|each time|at night|"
    r"when (?:the phone|i (?:open|see|think|wake|get|hear))|all the time|hver gang|når telefonen)",
    r"\b(?:heart )?palpitations\b",
    r"\bkan (?:\w+ )?ikke (?:trække vejret|få luft|få vejret)\b(?="
    + END_BODY
    + r"| når| hver gang| om natten| af (?:angst|stress|panik))",
    r"\bryster på hænderne\b|\b(?:sidder|sad|ligger|lå|står|stod) (?:\w+ ){0,2}og ryster\b(?! (?:af kulde|af grin|på hovedet))",
    r"\bhands (?:are )?(?:shake|shaking|tremble|trembling) (?:before|during|when|every|all)\b|\b(?:sat|sitting|sit) (?:\w+ ){0,4}(?:shaking|trembling)\b",
    r"\b(?:bange|nervøs|urolig|anxious|scared|afraid|on edge) (?:hele tiden|konstant|all the time|constantly)\b",
    r"\bso anxious\b(?! to| about getting| for)|\btoo anxious to\b",  # not "so anxious to get started"
    r"\bgruer (?:mig )?for (?:at stå op|hver (?:eneste )?(?:dag|morgen)|at tage på arbejde|at komme på arbejde|at åbne (?:mailen|computeren)|at vågne)\b",
    r"\bdread (?:every|each) (?:single )?(?:day|morning)\b|\b(?:wake up|waking up) (?:with|in) (?:a sense of )?dread\b|\bdread (?:going to|getting up for) work\b",
    r"\bkast(?:er|e|ede|et) op (?:af|før|pga\.?|på grund af) (?:nervøsitet|stress|angst)\b|\b(?:throw(?:ing)? up|vomit\w*|being sick) (?:from|because of|with) (?:stress|anxiety|nerves)\b",
    r"\btrykken (?:for|i) brystet\b",
    r"\b(?:chest|heart) (?:is )?(?:pounding|racing|tight)\b",
    r"\btightness in my chest\b",
    r"\bcan't breathe\b",
    r"\bhar (?:fået )?angst\b(?! for)",
    r"\b(?:min|my) (?:angst|anxiety|depression|udbrændthed|burnout)\b",
    r"\banxiety attacks?\b",
    r"\b(?:anxious|angst) (?:hele tiden|all the time|every day|hver dag)\b",
    # -- crying --------------------------------------------------------------------------------------------
    r"\bgræd(?:er|e|t|te)?\b(?! af (?:grin|glæde|stolthed|lettelse|rørelse)| over spildt|" + _HAPPY_TEARS + r")",
    r"\btud(?:e|er|ede|et)\b",
    r"\b(?:crying|cry|cried)\b(?! over spilt| of joy| with laughter| shame| for help with| (?:with|of) (?:pride|joy|happiness|relief)|"
    + _HAPPY_TEARS
    + r")",
    r"\btårerne (?:presser sig på|triller|løber|kommer|sidder løst)\b(?! af grin)|\btears (?:won't stop|all the time)\b",
    r"\bin tears\b",
    r"\bburst into tears\b",
    # -- working oneself to death (idiom, but strain) ---------------------------------------------------------
    r"\bslid(?:er|e|t)? mig (?:selv )?(?:helt |fuldstændig )?op\b",
    r"\b(?:knokler|arbejder|knokle|arbejde) mig selv (?:ihjel|i sænk|ned|syg)\b",
    r"\bworking myself (?:to death|into the ground|sick)\b",
    r"\bkilling myself (?:working|trying|to (?:get|keep|meet|finish|make|please)|with (?:work|the hours|overtime)|over (?:this|it|the|a|work))",
]

# Nouns and clinical words: only when the writer says them of themselves
# ("jeg tror jeg har en burnout"), never bare ("burnout er et stort emne hos os").
STRAIN_SELF: List[str] = [
    # sleeping badly for a while, said of oneself ("jeg sover dårligt for tiden"), not "børnene sover
    # dårligt"; sleeping badly alone is a theme ("jeg sover dårligt"), a bounded spell an answer
    # ("et par nætter før store afleveringer")
    r"\b(?:sover|sovet|sov) (?:(?!ikke |lidt )\w+ )?(?:dårligt|skidt|uroligt|elendigt) (?:for tiden|i lang tid|længe|hele tiden|"
    r"hver nat|efterhånden|i (?:flere|mange|snart|over) (?:\w+ )?(?:uger|måneder|år))\b",
    r"\b(?:sleep|sleeping|slept) (?:(?!not |a bit )\w+ )?(?:badly|poorly|terribly) (?:lately|these days|for (?:weeks|months|a long time|a while)|"
    r"every night|all the time)\b|\bbeen sleeping (?:\w+ )?(?:badly|poorly|terribly)\b(?! (?:before|in the high|during the))",
    r"\bburnout\b",
    r"\budbrændthed\b",
    r"\bhar (?:fået )?stress\b" + END,
    r"\bstress ?symptomer\b",
    r"\bstress ?reaktion\b",
    r"\bsammenbrud\w*",
    r"\bbreakdown\b",  # "i'm close to a breakdown", not "a breakdown of the costs"
    r"\bpanic (?:at|when|every|in|during|before|about)\b",  # "i panic at my desk", not "a bit of panic when"
    r"\b(?:en|a|i|in|min|my|med|with) depression\b",
    r"\b(?:er|har det) ikke (?:helt )?(?:ok|okay)\b" + END,  # "jeg er ikke ok", not "det er ikke ok at kunderne ringer"
    # "jeg er ikke mig selv" but not "det er ikke mig selv der laver tilbuddene": only "ikke"/"not" is matched,
    # so the subject check sees the writer or someone else
    r"\bikke(?= mig selv\b(?="
    + END_BODY
    + r"| længere| mere| for tiden))|\bnot(?= myself\b(?="
    + END_BODY
    + r"| anymore| lately| these days| at all))",
    r"\blykkepiller\b|\bantidepressiv\w*|\bantidepressants?\b",  # "jeg er begyndt på lykkepiller"
    r"\bmeltdowns?\b|\bnedsmeltning\w*",
    r"\btunnelsyn\b|\bhjernetåge\b|\bbrain fog\b",
]

# --------------------------------------------------------------------------------------
# Idioms that look alarming but are not: blanked out before matching.
# --------------------------------------------------------------------------------------
IDIOMS: List[str] = [
    r"\bselvmordsmission\w*",
    r"\b(?:politisk|økonomisk|kommercielt|forretningsmæssigt|karrieremæssigt) selvmord\b",
    r"\bsuicide (?:mission|squad|sprints?|run|drill)s?\b",
    r"\b(?:political|commercial|career|financial|business|social) suicide\b",
    r"\b(?:dø|døde|dør) af (?:grin|kedsomhed|sult|nysgerrighed|skam|varme|kulde|latter)\b",
    r"\bhellere dø end\b",
    r"\b(?:die|dying|died) (?:of|from) (?:boredom|laughter|embarrassment|shame|curiosity|hunger|heat)\b",
    r"\bdying to\b",
    r"\brather die than\b",
    r"\bgræd(?:er|e|t)? af (?:grin|glæde)\b",
    r"\bcr(?:y|ying|ied) (?:over spilt milk|of joy|with laughter)\b",
    r"\bcrying shame\b|\bcr(?:y|ying|ies|ied) out for\b",
    r"\bcut(?:ting)? myself (?:some slack|a break|off)\b",
    r"\bshoot(?:ing)? myself in the foot\b",
    r"\bskyde mig selv i foden\b",
    r"\bhænge mig i\b(?! (?:et reb|loftet|garagen|skoven))",
    r"\bkill(?:ing)? (?:it|time)\b",
    r"\bdræbe tiden\b",
    r"\bdead ?tired\b|\bdødtræt\w*|\bdød træt\b",
    r"\bover my dead body\b",
    r"\bcould (?:have )?kill(?:ed)? myself for\b",  # "i could kill myself for forgetting the invoice"
    r"\bkilling myself laughing\b",
    r"\bjump(?:ing|ed|s)? ship\b",
]

# --------------------------------------------------------------------------------------
# Word lists for the negation and subject checks
# --------------------------------------------------------------------------------------

NEGATORS = {
    "ikke",
    "ik",
    "ikk",
    "aldrig",
    "ingen",
    "intet",
    "not",
    "never",
    "no",
    "nope",
    "nej",
    "hverken",
    "neither",
    "nor",
    "ej",
}
# "ikke bare udbrændt" / "not just tired" intensify rather than negate, and "ved ikke om"
# / "don't know if" ask rather than deny.
NOT_A_NEGATION_AFTER = {"bare", "kun", "blot", "just", "only", "merely", "om", "if", "whether", "hvorfor", "why"}
# Words that may stand between a negation and what it negates: "jeg har ALDRIG nogensinde
# haft tanker om selvmord", "I have NEVER really thought about killing myself".
# "jeg tror ikke jeg har ..." negates what follows; "de ved det ikke jeg har ..." does not.
RAISING = {"tror", "synes", "mener", "føler", "think", "believe", "feel", "would", "ville", "siger", "sige", "say"}
NEUTRAL = set(
    [
        "har",
        "havde",
        "haft",
        "have",
        "has",
        "had",
        "having",
        "er",
        "var",
        "været",
        "være",
        "blevet",
        "bliver",
        "blev",
        "er",
        "am",
        "is",
        "are",
        "was",
        "were",
        "been",
        "be",
        "being",
        "jeg",
        "mig",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "me",
        "myself",
        "selv",
        "det",
        "it",
        "føler",
        "følt",
        "følte",
        "føle",
        "feel",
        "felt",
        "feeling",
        "tænkt",
        "tænker",
        "tænke",
        "tanker",
        "tanke",
        "tankerne",
        "thought",
        "thoughts",
        "thinking",
        "think",
        "overvejet",
        "overvejer",
        "overveje",
        "overvejelser",
        "considered",
        "considering",
        "consider",
        "forsøgt",
        "prøvet",
        "tried",
        "attempted",
        "nogen",
        "nogle",
        "noget",
        "nogensinde",
        "ever",
        "any",
        "some",
        "tidspunkt",
        "point",
        "på",
        "om",
        "about",
        "of",
        "at",
        "to",
        "længere",
        "mere",
        "anymore",
        "longer",
        "rigtig",
        "rigtigt",
        "helt",
        "så",
        "særlig",
        "særligt",
        "egentlig",
        "egentligt",
        "decideret",
        "really",
        "actually",
        "truly",
        "seriously",
        "alvorligt",
        "alvorlig",
        "remotely",
        "at",
        "all",
        "the",
        "a",
        "an",
        "en",
        "et",
        "like",
        "sådan",
        "fully",
        "completely",
        "totally",
        "quite",
        "would",
        "ville",
        "will",
        "vil",
        "could",
        "kunne",
        "should",
        "skulle",
        "do",
        "does",
        "did",
        "gør",
        "gjorde",
        "gjort",
        "sige",
        "siger",
        "sagt",
        "say",
        "said",
        "call",
        "kalde",
        "kaldt",
        "describe",
        "beskrive",
        "beskrevet",
        "words",
        "ord",
        "aktuelt",
        "currently",
        "now",
        "nu",
        "længere",
        "anymore",
        "haft",
    ]
)

SELF_WORDS = {"jeg", "jg", "jeh", "mig", "i", "i'm", "i've", "i'd", "i'll", "me", "myself"}
# The writer as subject inside a phrase ("jeg cutter"); "i" is left out, it is also Danish "in".
SUBJECT_WORDS = {"jeg", "jg", "jeh", "i'm", "i've", "i'd", "i'll"}
# Inside a phrase, "mig"/"me" and "my"/"min" also make it the writer's own ("føler mig tom",
# "min depression").
OWN_WORDS = (SELF_WORDS - {"i"}) | {"my", "min", "mit", "mine"}
# Articles and possessives: they start a noun phrase, so the subject is something else.
ARTICLES = set(["den", "det", "the", "a", "an", "en", "et", "it", "this", "that", "these", "those", "min", "mit", "mine", "my"])
# Subjects that make a phrase about someone or something else.
OTHER_WORDS = ARTICLES | set(
    [
        "han",
        "hun",
        "de",
        "dem",
        "vi",
        "os",
        "man",
        "du",
        "dig",
        "you",
        "he",
        "she",
        "they",
        "them",
        "we",
        "us",
        "his",
        "her",
        "their",
        "our",
        "vores",
        "deres",
        "hans",
        "hendes",
        "he's",
        "she's",
        "they're",
        "we're",
        "you're",
        "it's",
        "they've",
        "we've",
        "he'd",
        "she'd",
        "they'd",
        "we'd",
        "der",
        "som",
        "who",
        "which",
        "arbejdet",
        "jobbet",
        "firmaet",
        "virksomheden",
        "forretningen",
        "kunden",
        "kunderne",
        "stressen",
        "travlheden",
        "projektet",
        "work",
        "job",
        "company",
        "business",
        "customer",
        "customers",
        "client",
        "clients",
        "project",
        "medarbejder",
        "medarbejderen",
        "medarbejderne",
        "kollega",
        "kollegaen",
        "kollegerne",
        "kolleger",
        "folk",
        "folkene",
        "team",
        "teamet",
        "staff",
        "employee",
        "employees",
        "colleague",
        "colleagues",
        "people",
        "everyone",
        "everybody",
        "alle",
        "mange",
        "nogle",
        "kone",
        "konen",
        "mand",
        "manden",
        "chef",
        "chefen",
        "leder",
        "lederen",
        "makker",
        "partner",
        "wife",
        "husband",
        "boss",
        "manager",
        "branchen",
        "markedet",
        "økonomien",
        "banken",
        "planen",
    ]
)
# Words that may stand between the writer and a strain phrase, or make up a bare phrase
# on their own: "jeg har længe følt mig helt udbrændt", "totally burnt out lately".
LINK = (
    (
        NEUTRAL
        | set(
            [
                "vil",
                "ville",
                "kan",
                "kunne",
                "skal",
                "skulle",
                "må",
                "måtte",
                "gerne",
                "bare",
                "helst",
                "lyst",
                "til",
                "tror",
                "synes",
                "mærker",
                "oplever",
                "ved",
                "begynder",
                "begyndt",
                "gå",
                "går",
                "gik",
                "kommet",
                "kommer",
                "kom",
                "vej",
                "mod",
                "af",
                "med",
                "sidste",
                "seneste",
                "uger",
                "måneder",
                "dage",
                "dag",
                "hver",
                "morgen",
                "aften",
                "nat",
                "nætter",
                "natten",
                "gange",
                "gang",
                "tit",
                "ofte",
                "konstant",
                "altid",
                "hele",
                "tiden",
                "stadig",
                "efterhånden",
                "snart",
                "igen",
                "faktisk",
                "også",
                "lige",
                "lidt",
                "meget",
                "vildt",
                "ekstremt",
                "enormt",
                "totalt",
                "fuldstændig",
                "fuldstændigt",
                "ret",
                "virkelig",
                "måske",
                "nok",
                "altså",
                "jo",
                "da",
                "næsten",
                "allerede",
                "endnu",
                "tæt",
                "perioder",
                "periode",
                "lang",
                "længe",
                "tid",
                "fået",
                "får",
                "fik",
                "ønsker",
                "ønske",
                "gid",
                "ganske",
                "temmelig",
                "so",
                "very",
                "pretty",
                "kind",
                "sort",
                "bit",
                "little",
                "just",
                "getting",
                "get",
                "got",
                "gotten",
                "become",
                "becoming",
                "close",
                "verge",
                "edge",
                "heading",
                "towards",
                "toward",
                "near",
                "guess",
                "probably",
                "maybe",
                "starting",
                "started",
                "start",
                "beginning",
                "begin",
                "still",
                "always",
                "constantly",
                "often",
                "sometimes",
                "lately",
                "recently",
                "again",
                "already",
                "almost",
                "honestly",
                "literally",
                "absolutely",
                "utterly",
                "basically",
                "these",
                "days",
                "weeks",
                "months",
                "every",
                "night",
                "day",
                "time",
                "keep",
                "kept",
                "keeps",
                "can",
                "may",
                "might",
                "gonna",
                "going",
                "also",
                "too",
                "definitely",
                "want",
                "wanna",
                "wish",
                "hope",
                "feels",
                "feel",
                "hey",
                "well",
                "yeah",
                "ja",
                "okay",
                "ok",
                "um",
                "uh",
                "hmm",
                "on",
                "in",
                "with",
                "for",
                "krop",
                "kroppen",
                "hoved",
                "hovedet",
                "hjerne",
                "hjernen",
                "nerver",
                "nerverne",
                "body",
                "head",
                "brain",
                "mind",
                "nerves",
                "the",
                "a",
                "an",
                "en",
                "et",
                "min",
                "mit",
                "mine",
                "my",
            ]
        )
    )
    - (OTHER_WORDS - {"the", "a", "an", "en", "et", "min", "mit", "mine", "my"})
    - NEGATORS
)
# (articles and possessives may stand in a linking chain, "on the verge of", because the noun
# after them is not a linking word and stops the walk: "my team is burnt out")


def _spellings(words: Iterable[str]) -> Set[str]:
    """A word list plus the ASCII spellings of its Danish words (tænkt: taenkt, tenkt)."""
    out = set(words)
    for w in words:
        out.add(w.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
        out.add(w.replace("æ", "e").replace("ø", "o").replace("å", "a"))
    return out - {"far"}  # "får" without the ring is "far" (father): keep it out of the lists


NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING = (
    _spellings(ws) for ws in (NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING)
)

HARD_BOUNDARY = {
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "men",
    "but",
    "fordi",
    "because",
    "selvom",
    "although",
    "though",
    "mens",
    "while",
    "however",
    "når",
    "when",
    "hvis",
    "if",
}
SOFT_BOUNDARY = HARD_BOUNDARY | {"og", "and", "eller", "or"}

# --------------------------------------------------------------------------------------
# Normalising and compiling
# --------------------------------------------------------------------------------------

_REPLACEMENTS = [
    (r"[’‘´`]", "'"),
    (r"[–—]|\s-+\s", " , "),  # a dash starts a new clause
    (r"(?<=\w)-(?=\w)", " "),  # self-harm, burn-out, stress-sygemeldt
    (r"[^\w\s'.,;:!?]", " "),
    (r"\b(don|can|won|didn|doesn|isn|wasn|haven|hasn|couldn|wouldn|shouldn|aren|weren)t\b", r"\1't"),
    (r"\bim\b", "i'm"),
    (r"\bive\b", "i've"),
    (r"\b(what|that)s\b", r"\1's"),
    (r"\b(they|you)re\b", r"\1're"),
    (r"\bid (?=never|rather|be|like|love|want|hate)", "i'd "),
    (r"\bi am\b", "i'm"),
    (r"\bcan ?not\b", "can't"),
    (r"\bdo not\b", "don't"),
    (r"\bdid not\b", "didn't"),
    (r"\bwill not\b", "won't"),
    (r"\bhave not\b", "haven't"),
    (r"\bany more\b", "anymore"),
    (r"\b(?:ik|ikk|ikek|ikkke|ikkr)\b", "ikke"),
    (r"ö", "ø"),
    (r"ä", "æ"),  # Swedish/German keyboards
    (r"\bmer\b", "mere"),  # "jeg vil ik leve mer"
    (r"\bj(?:g|eh|ej)\b", "jeg"),
    (r"\s+", " "),
]
_COMPILED_REPLACEMENTS = [(re.compile(a), b) for a, b in _REPLACEMENTS]


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, common spellings evened out, whitespace collapsed."""
    text = (text or "").lower()
    for pattern, replacement in _COMPILED_REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _fold(pattern: str) -> str:
    """Let æ/ø/å in a pattern also match the ASCII spellings (ae, oe, aa, or a plain vowel)."""
    return pattern.replace("æ", "(?:æ|ae|e)").replace("ø", "(?:ø|oe|o)").replace("å", "(?:å|aa|a)")


def _compile(patterns: Iterable[str]) -> List[Pattern[str]]:
    return [re.compile(_fold(p)) for p in patterns]


_ACUTE = _compile(ACUTE_PATTERNS)
_ACUTE_UNLESS_OTHER = _compile(ACUTE_UNLESS_OTHER)
_ACUTE_SELF = _compile(ACUTE_SELF)
_STRAIN = _compile(STRAIN_PATTERNS)
_STRAIN_SELF = _compile(STRAIN_SELF)
_IDIOMS = _compile(IDIOMS)
_TOKEN = re.compile(r"[\w']+|[.,;:!?]")
# The negation coming after: "selvmordstanker har jeg ikke", "tanker om selvmord har jeg aldrig haft",
# "selvmord er ikke noget jeg tænker på", "suicide isn't something i think about", "selvmord? nej".
_AFTER_NEGATION = re.compile(
    _fold(
        r"^\w*\s*(?:(?:tanker|thoughts) )?(?:har|havde|have|has|had) (?:jeg |i )?(?:ikke|aldrig|ingen|never|not)\b"
        r"|^\w*\s*(?:thoughts )?(?:er|var|is|was|are|were) (?:ikke|aldrig|not|never) "
        r"(?:noget|aktuelt|et problem|et emne|something|an issue|a problem|relevant|on my mind)\b"
        r"|^\w*\s*(?:thoughts )?(?:isn't|aren't|wasn't|weren't) (?:something|an issue|a problem|relevant|on my mind)\b"
        r"|^\w*\s*\??\s*(?:nej|no|nope)\b(?! more| longer)"
    )
)  # but "i don't wanna be here no more"

# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------


def _tokens_before(text: str, start: int) -> List[str]:
    return _TOKEN.findall(text[:start])


def _negated(text: str, start: int, end: int) -> bool:
    """Is the phrase at text[start:end] negated as a whole?

    Walks back from the phrase over neutral words ("har", "tænkt", "på", "any", ...) and
    counts negations; stops at any other word or at a clause boundary. An odd count
    negates: "jeg har ALDRIG tænkt på selvmord", but "jeg kan IKKE sige at jeg IKKE har
    tænkt på selvmord" does not; "I can't STOP thinking about suicide" stops at "stop".
    Also a Danish statement put the other way round: "selvmordstanker har jeg ikke",
    "selvmord? nej".
    """
    count = 0
    before = _tokens_before(text, start)
    following = None
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in SOFT_BOUNDARY:
            break
        if word in NEGATORS or word.endswith("n't"):
            if following in SUBJECT_WORDS | {"i"} and (i == 0 or before[i - 1] not in RAISING):
                break  # "de ved det ikke jeg har tænkt på selvmord": a new clause without a comma
            if following not in NOT_A_NEGATION_AFTER:
                count += 1
        elif word not in NEUTRAL:
            break
        following = word
    if count % 2:
        return True
    after = text[end:]
    if " " not in text[start:end].strip() and re.match(r"^ (?:ikke|aldrig|not|never)\b", after):
        return True  # a verb negated after it: "jeg græder ikke på arbejdet"
    return bool(_AFTER_NEGATION.match(after))


def _about_other(text: str, start: int, match_text: str) -> bool:
    """For ACUTE_UNLESS_OTHER: is the nearest subject before the phrase someone else?"""
    if any(w in SUBJECT_WORDS for w in _TOKEN.findall(match_text)):
        return False
    for word in reversed(_tokens_before(text, start)):
        if word in HARD_BOUNDARY:
            return False
        if word in SELF_WORDS:
            return False
        if word in OTHER_WORDS:
            return True
    return False


def _about_self(text: str, start: int, match_text: str, bare_ok: bool) -> bool:
    """Is the phrase said of the writer ("jeg er [helt] udbrændt") or said bare ("helt udbrændt")?

    Walks back over linking words only: any other word (a noun, another subject) means
    the phrase is about something else. At "og"/"and" the phrase shares the subject of
    the clause before it ("jeg er træt og udbrændt"), so the walk goes on looking for a
    subject, skipping words, until it meets the writer or someone else.
    """
    if any(w in OWN_WORDS for w in _TOKEN.findall(match_text)):
        return True
    shared = False
    for word in reversed(_tokens_before(text, start)):
        if word in HARD_BOUNDARY:
            return bare_ok
        if word in SELF_WORDS:
            return True
        if word in ("og", "and"):
            shared = True
            continue
        if shared:
            if word in OTHER_WORDS:
                return False
            continue
        if word not in LINK:
            return False
    return bare_ok


def _hits(patterns: Sequence[Pattern[str]], text: str):
    for pattern in patterns:
        yield from pattern.finditer(text)


def _blank_idioms(text: str) -> str:
    for pattern in _IDIOMS:
        text = pattern.sub(" idiom ", text)
    return re.sub(r"\s+", " ", text)


# Strain that has not happened: "spørge om hjælp før jeg drukner", "so I don't burn out",
# "to avoid burning out". Only strain: "before I kill myself" stays acute.
_NOT_YET = re.compile(
    r"\b(?:før|inden|before|until|indtil|ellers|otherwise|undgå|avoid|avoiding|"
    r"så jeg ikke|so i don't|so i do not|for ikke at|to not|not to|risk of|risikerer)\b"
    r"(?:\W+\w+){0,3}\W*$"
)


def _not_yet(text: str, start: int) -> bool:
    return bool(_NOT_YET.search(text[:start]))


def tier(text: str) -> Optional[str]:
    """ACUTE, STRAIN or None for a message a leader typed."""
    clean = _blank_idioms(normalise(text))
    if not clean:
        return None
    for m in _hits(_ACUTE, clean):
        if not _negated(clean, m.start(), m.end()):
            return ACUTE
    for m in _hits(_ACUTE_UNLESS_OTHER, clean):
        if not _negated(clean, m.start(), m.end()) and not _about_other(clean, m.start(), m.group()):
            return ACUTE
    for m in _hits(_ACUTE_SELF, clean):
        if not _negated(clean, m.start(), m.end()) and _about_self(clean, m.start(), m.group(), bare_ok=True):
            return ACUTE
    for m in _hits(_STRAIN, clean):
        if (
            not _negated(clean, m.start(), m.end())
            and not _not_yet(clean, m.start())
            and _about_self(clean, m.start(), m.group(), bare_ok=True)
        ):
            return STRAIN
    for m in _hits(_STRAIN_SELF, clean):
        if (
            not _negated(clean, m.start(), m.end())
            and not _not_yet(clean, m.start())
            and _about_self(clean, m.start(), m.group(), bare_ok=False)
        ):
            return STRAIN
    return None


__all__ = [
    "ACUTE",
    "STRAIN",
    "tier",
    "normalise",
    "ACUTE_PATTERNS",
    "ACUTE_UNLESS_OTHER",
    "ACUTE_SELF",
    "STRAIN_PATTERNS",
    "STRAIN_SELF",
    "IDIOMS",
]
