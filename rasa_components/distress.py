"""The distress net: does a typed message signal acute distress, strain, or neither?

Pure Python (stdlib `re` only), so the actions, the NLU guard and the tests can all
use it. `tier(text)` returns ACUTE, STRAIN or None.

- ACUTE: suicidal thoughts, self-harm, not wanting to live, "can't go on" about life
  itself. Missing one is the worst error this product can make, so the acute patterns
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
END = (r"(?=\s*(?:$|[.,;:!?]|(?:og|men|and|but|fordi|because|så|so|nu|now|lige nu|right now|igen|"
       r"again|snart|soon|altså|ærligt|honestly|seriously|lol|haha|hele tiden|all the time|"
       r"for tiden|lately|i øjeblikket|at the moment)\b))")
END_BODY = END[3:-1]   # the same, for use inside a longer lookahead: (?=END_BODY| mere| længere)
# After "live"/"leve": alarming on its own or "any more", ordinary when it goes on
# ("live in the city", "leve af de priser", "leve op til").
LIVE_END = (r"(?=" + END_BODY + r"| anymore| any longer| any more| like this| this way| in this world| on this earth"
            r"| mere| længere| videre| sådan| på den måde| i den her verden)")
# A filler word that is not a negation ("jeg har det [rigtig] skidt", "i [really] want to die").
GAP = r"(?:(?!(?:ikke|ik|aldrig|ingen|not|never|no|hellere|rather)\b)(?![\w]*n't\b)[\w']+ )"
AT = r"(?:at |og |å |to )?"          # Danes often write "og" for "at": "lyst til og dø"
SELF = r"(?:my ?self|mig selv)"

# --------------------------------------------------------------------------------------
# ACUTE. Three lists, by how much the words alone tell.
# --------------------------------------------------------------------------------------

# Unambiguous whoever the subject is: only negation and idioms can cancel them.
ACUTE_PATTERNS: List[str] = [
    # -- the word suicide, any inflection or compound, with typos ----------------------
    r"\bs(?:el|le|e)v ?mo+rd\w*|\bselvmor\b",           # selvmord, selvmordstanker, slevmord, selv mord
    r"\bs(?:ui|iu|u)[cs]s?i?d(?:e|es|al\w*)?\b",         # suicide, suicidal, sucide, suicde, suiside
    # -- taking one's own life -----------------------------------------------------------
    r"\bta(?:ge|')? mit (?:eget )?liv\b",                 # tage mit (eget) liv; "arbejdet tager mit liv" see below
    r"\bta(?:ge|ger|r|')? (?:sit|sig|mit) eget liv\b",
    r"\btage livet af sig selv\b",
    r"\bsl(?:å|år|og|ået) mig selv ihjel\b",
    r"\b(?:at|og|jeg vil|jeg skal|jeg kunne) slå mig ihjel\b",  # not "min kone slår mig ihjel hvis ..."
    r"\bg(?:øre|ør|jorde|jort) (?:en )?ende på (?:mit liv|livet|mit eget liv|min tilværelse)\b",
    r"\bende (?:mit liv|livet|mit eget liv)\b",
    r"\bg(?:øre|ør|jorde|jort) (?:det )?af med mig selv\b",          # "gøre det af med mig selv"
    r"\bg(?:øre|ør|jorde|jort) (?:en )?ende på mig selv\b",
    r"\blivet giver (?:ingen|ikke nogen|ikke længere nogen|ikke mere) mening\b",
    r"\bikke (?:\w+ ){0,3}(?:være|var) til\b(?=" + END_BODY + r"| mere| længere)",   # "være til" = exist
    r"\btræt af at være til\b",
    r"\b(?:fået|har) nok af (?:livet|at leve)\b",
    r"\bhad enough of (?:life|living)\b",
    r"\b(?:vil|lyst til|ønsker) (?:bare )?(?:at )?sove for evigt\b",
    r"\b(?:want|wanna|wish i could) (?:to )?(?:just )?sleep forever\b" + END,
    r"\bkms\b(?<!\d kms)" + END,
    r"\b(?<!kommer til )(?<!komme til )(?:at|og) ta(?:ge|')? livet af mig(?: selv)?\b",   # infinitive: "det var bedst at tage livet af mig"
    r"\b(?:(?:ingen|ikke nogen|ikke se nogen) (?:anden )?)?(?:udvej|vej ud) end (?:at |og )?dø\b",
    r"\b(?:(?:no|any) (?:other )?)?way out (?:than|but|except|other than) (?:to die|dying)\b",
    r"\btror ikke (?:at )?jeg (?:vil|gider|orker|kan|har lyst til) (?:\w+ ){0,2}leve\b(?=" + END_BODY + r"| mere| længere| videre)",
    r"\bdon't think i (?:want|wanna|can) (?:to )?(?:live|go on|keep living|be alive)\b" + LIVE_END,
    r"\bkil+(?:l?ing|l?in|l?ed|s)? ?my ?s[ea]lf\b"        # kill myself, killing myself, kill my self
    r"(?! (?:working|trying|to (?:get|keep|meet|finish|make|please)|with (?:work|the hours|overtime)|over (?:this|it|the|a|work)))",
    r"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b",
    r"\bend(?:ing)? it all\b",
    r"\bend my own life\b",
    r"\bunalive\w*",
    # -- not wanting to live -------------------------------------------------------------
    r"\bikke (?:(?:vil|gider|orker|kan|magter|ønsker|længere|mere|rigtig|helt) )*" + AT + r"leve\b(?=" + END_BODY + r"| mere| længere| videre| sådan| på den måde| i den her verden)",
    r"\bikke " + GAP + r"{0,2}lyst til " + AT + r"leve\b",
    r"\bingen lyst til " + AT + r"leve\b",
    r"\b(?:mistet|tabt) " + GAP + r"?lysten til (?:" + AT + r"leve\b|livet\b)",
    r"\b(?:mistet|ingen|ikke nogen|uden) " + GAP + r"?livslyst\w*",
    r"\blivslysten er (?:helt )?(?:væk|forsvundet|borte)",
    r"\b(?:orker|kan|magter|gider|klarer) ikke " + GAP + r"{0,3}(?:livet|at leve|og leve)\b(?=" + END_BODY + r"| mere| længere)",
    r"\bikke " + GAP + r"?værd at leve\b",
    r"\b(?:intet|ingenting|ikke noget|ikke mere) " + AT + r"leve for\b",
    r"\bingen (?:\w+ )?grund til " + AT + r"leve\b",
    r"\bikke (?:se )?(?:nogen |en |nogen som helst )?(?:grund|mening) (?:til|med) " + AT + r"leve\b",
    r"\bom jeg (?:overhovedet )?(?:vil|gider|orker|kan|skal|har lyst til) (?:\w+ ){0,2}leve\b(?=" + END_BODY + r"| mere| længere| videre)",
    r"\bhvorfor (?:skal jeg )?(?:overhovedet )?leve\b",
    r"\bhvad skal jeg (?:overhovedet )?leve for\b",
    r"\b(?:ingen|ikke nogen) (?:\w+ )?mening med (?:at leve|livet|mit liv)\b",
    r"\bmeningsløst at leve\b",
    r"\blivet (?:er|føles|virker) " + GAP + r"{0,2}(?:meningsløst|håbløst|ligegyldigt|ikke værd)\b",
    r"\btræt af (?:at leve|at være i live|livet\b" + END + r")",
    r"\bfærdig med (?:livet|at leve)\b",
    r"\bopgiv(?:e|er|et)? livet\b",
    r"\bgiv(?:e|er|et)? op på livet\b",
    r"\b(?:ligeglad|ligegyldigt|lige meget)(?: med)? om jeg lever (?:eller|el) dør\b",
    r"\bikke (?:\w+ )?(?:være|vaere) i live\b",
    r"\b(?:ønske|ønsker|gid) (?:at )?jeg (?:ikke fandtes|ikke eksisterede|aldrig var (?:blevet )?født|ikke var (?:blevet )?født)",
    r"\bikke (?:\w+ ){0,2}(?:det her|dette|mit) liv\b(?=" + END_BODY + r"| mere| længere)",
    r"\b(?:don't|do not|won't|never|no longer|not|didn't) (?:\w+ )?(?:want|wanna|wish|feel like|like) (?:to )?"
    r"(?:live|living)\b(?=" + END_BODY + r"| anymore| any longer| any more| like this| this way| in this world)",
    r"\b(?:don't|do not|no longer|never) (?:\w+ )?(?:want|wanna|wish|feel like) (?:to )?(?:be alive|exist|existing)\b",
    r"\b(?:don't|do not|no longer) (?:\w+ )?want (?:this|my) life\b",
    r"\b(?:not sure|unsure|don't know) (?:if |whether |that |why )?i (?:even )?(?:want|wanna|can|should) (?:to )?(?:live|be alive|go on|keep living)\b" + LIVE_END,
    r"\b(?:ved ikke|ikke sikker på|usikker på) (?:om |hvorfor |at )?jeg (?:overhovedet )?(?:vil|gider|orker|kan|skal) (?:\w+ ){0,2}leve\b" + LIVE_END,
    r"\bno (?:\w+ )?(?:point|reason|purpose) (?:for me )?(?:in |to |of |for )?(?:(?:liv(?:e|ing)|being here)\b" + LIVE_END + r"|life\b|being alive|existing)",
    r"\b(?:can't|don't|do not|cannot) see (?:any |a |the )?(?:point|reason) (?:in |to |of )?"
    r"(?:(?:liv(?:e|ing)|going on)\b" + LIVE_END + r"|life\b|being alive)",
    r"\bwhat(?:'s| is) the point (?:in |of )?(?:(?:liv(?:e|ing)|going on)\b" + LIVE_END + r"|life\b|being alive|it all|anything\b" + END + r")",
    r"\bnothing (?:left )?to live for\b",
    r"\blife (?:is|feels|seems) (?:\w+ )?(?:pointless|meaningless)\b",
    r"\blife (?:isn't|is not|doesn't feel|does not feel|is no longer|not) (?:\w+ )?worth (?:living|it)\b",
    r"\bnot worth living\b",
    r"\blife has no (?:\w+ )?(?:meaning|point|purpose)\b",
    r"\b(?:tired|sick|done) (?:of|with) (?:living|being alive|life\b" + END + r")",
    r"\bgiv(?:e|en|ing) up on (?:life|living)\b",
    r"\b(?:don't|do not|doesn't|does not) (?:care|matter) (?:if|whether) i (?:live or die|die)\b",
    r"\bwish (?:that )?i(?: was| were|'d| had| hadn't) (?:\w+ )?(?:dead|never been born|not been born|been born)\b",
    r"\bwish i (?:didn't|did not) exist\b",
    # -- wanting to die --------------------------------------------------------------------
    r"\b(?:lyst til|ønsker|ønske|klar til) (?:bare |gerne |helst |egentlig |nogle gange |virkelig )*" + AT + r"dø\b(?! af| for| med| i )",
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
    r"\b(?:vil|ønsker|ønske|gid|lyst til) (?:\w+ ){0,3}det hele (?:til at )?(?:slutter|stopper|slutte|stoppe|ender|ende|er forbi|var forbi)\b" + END,
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
    # -- self-harm ----------------------------------------------------------------------------
    r"\bselv ?skad\w*",                                   # selvskade, selvskadende
    r"\bself ?(?:harm\w*|injur\w*)",
    r"\bskad(?:e|er|ede|et) " + SELF + r"\b(?! (?:på (?:en|et|arbejdet|værkstedet|byggepladsen|stigen)|ved et uheld|i ryggen|da jeg faldt))",
    r"\bg(?:øre|ør|jorde|jort) " + SELF + r" (?:fortræd|skade|ondt)\b",
    r"\b(?:skær(?:e|er|te)?|skar|skåret) (?:i )?(?:mig selv|armene|armen|håndleddet|håndleddene|huden|mine arme|mine håndled)\b",
    r"\b(?:jeg cutter|cutte mig)\b",
    r"\bhænge mig(?: selv)?\b(?=" + END_BODY + r"| i (?:et reb|loftet|garagen|skoven))",
    r"\bskyde mig selv\b(?! i foden)",
    r"\bsl(?:å|år|og|ået) mig selv\b" + END,
    r"\bgøre mig selv noget\b",
    r"\bcut(?:ting)? my (?:arms?|wrists?|legs?|skin|thighs?)\b",
    r"\b(?:hurt|hurting|harm|harming|injure|injuring) my ?self\b"
    r"(?! (?:lifting|at (?:work|the gym)|playing|running|skiing|on (?:the|a)|in (?:a|the) (?:fall|accident)|falling|by accident|accidentally))",
    r"\bcutting my ?self\b(?! (?:some slack|off|short|a break|loose|free|out))",
    r"\bcut my ?self\b(?=" + END_BODY + r"| again| on purpose| deliberately)",
    r"\bhang(?:ing)? my ?self\b",
    r"\bshoot(?:ing)? my ?self\b(?! in the foot)",
    r"\bslit(?:ting)? my wrists?\b",
    # -- methods ------------------------------------------------------------------------------
    r"\boverdos\w*",
    r"\btage (?:alle (?:mine )?piller(?:ne)?|hele glasset)\b",
    r"\b(?:samlet|gemt|sparet|samler|gemmer) (?:\w+ )?(?:piller|pills)\b",
    r"\b(?:stockpil\w*|saving up|hoarding) (?:\w+ )?pills\b",
    r"\btake all (?:my|the) pills\b",
    r"\b(?:springe|hoppe|kaste mig) ud (?:fra|foran) (?:toget|et tog|en bro|broen|taget|et vindue|altanen|en bil|en lastbil|bussen)\b",
    r"\bkøre (?:galt med vilje|ind i (?:et træ|en lastbil|en mur|modkørende|autoværnet))\b",
    r"\bjump(?:ing)? (?:off|from) (?:a|the) (?:bridge|building|roof|cliff|balcony)\b",
    r"\b(?:jump|step|throw myself|walk)(?:ing)? in front of (?:a|the) (?:train|bus|car|truck|lorry)\b",
    r"\bdriv(?:e|ing) (?:my car )?into (?:a tree|a wall|oncoming traffic|a truck|a lorry)\b",
    r"\bcrash(?:ing)? (?:my|the) car (?:on purpose|deliberately)\b",
    # -- others better off, nobody would miss me --------------------------------------------
    r"\b(?:alle|verden|familien|min familie|børnene|mine børn|min kone|min mand|everyone|everybody|the world|"
    r"my family|my kids|my wife|my husband|people)\b(?: [\w']+){0,5} (?:bedre|better off|better) " + GAP + r"{0,2}(?:uden mig|without me)\b",
    r"\b(?:bedre|better off|better|nemmere|easier|lettere) (?:for alle |for everyone )?(?:hvis|if) (?:jeg|i) "
    r"(?:ikke var her|var væk|var død|ikke fandtes|ikke levede|was dead|were dead|was gone|were gone|wasn't here|"
    r"weren't here|wasn't around|weren't around|didn't exist|was not here|were not here)",
    r"\b(?:ingen|ikke nogen) (?:ville|vil) (?:\w+ )?savne mig\b",
    r"\b(?:no one|nobody|no one)(?: would| will|'d) (?:even )?(?:miss me|notice if i (?:was gone|were gone|died|disappeared|wasn't here|weren't here|was dead))\b",
    r"\b(?:en|a) (?:byrde|burden) (?:for|to|on) (?:alle|everyone|everybody|min familie|familien|my family|mine nærmeste)\b",
]

# Alarming about the writer, ordinary about someone or something else ("vi skal gøre en
# ende på det", "det tager livet af mig"). They count unless the nearest subject is
# someone/something else (see `_about_other`).
ACUTE_UNLESS_OTHER: List[str] = [
    r"\b(?:vil|ville) (?:bare |gerne |helst |egentlig |nogle gange |virkelig |så |allerhelst )*dø\b" + END,
    r"\bta(?:ge|')? livet af mig(?: selv)?\b",           # "bogføringen tager livet af mig" is an idiom,
    r"\bjeg tager livet af mig\b",                       # so the present tense counts only with "jeg"
    r"\bta(?:ger|r) mit liv\b",                           # "arbejdet tager mit liv" is about work
    r"\bg(?:øre|ør|jorde|jort) (?:næsten |nærmest |bare )?(?:en )?ende på (?:det hele|alting|alt|det)\b"
    r"(?=" + END_BODY + r"| i (?:går|nat|aftes|weekenden|sidste uge))",
    r"\bskad(?:e|er|ede|et) mig\b" + END,
    r"\bwant (?:it|this) (?:all )?to (?:end|stop|be over)\b" + END,
    r"\b(?:gøre|gør|gjorde) noget (?:dumt|ved mig selv)\b" + END,
    r"\bdo(?:ing)? something (?:stupid|to myself)\b" + END,
    r"\bende(?:r)? (?:det hele|alting)\b" + END,
    r"\bend(?:ing)? (?:it|things|everything)\b" + END,
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
    r"\bvæk (?:for altid|for evigt)\b",
    r"\bikke (?:\w+ ){0,3}være her\b(?=" + END_BODY + r"| mere| længere| på jorden)",
    r"\b(?:don't|do not|no longer) (?:\w+ )?want to be here\b(?=" + END_BODY + r"| anymore| any longer| on this earth| in this world)",
    r"\b(?:stop|cease) (?:to )?exist(?:ing)?\b",
    r"\bnot (?:to )?exist anymore\b",
    r"\bikke (?:at )?eksistere\b(?=" + END_BODY + r"| mere| længere)",
]

# --------------------------------------------------------------------------------------
# STRAIN: about oneself, not acute.
# --------------------------------------------------------------------------------------

# Count when said of oneself or bare ("helt udbrændt", "burnt out").
STRAIN_PATTERNS: List[str] = [
    # -- burnt out ------------------------------------------------------------------------------
    r"\budbrændt\b",                                      # singular: "de er udbrændte" is about others
    r"\bbrændt (?:helt )?ud\b",
    r"\b(?:brænder|brænde) " + GAP + r"?ud\b",
    r"\bbrænder lyset i begge ender\b",
    r"\bburn(?:t|ed|ing)? out\b",
    r"\bburning the candle at both ends\b",
    # -- going down with stress, breaking down -------------------------------------------------
    r"\bg(?:å|år|ået|ik) ned med stress\b",
    r"\bved at gå ned\b" + END,
    r"\bramt af stress\b",
    r"\bstress ?ramt\b",
    r"\bstress ?sygemeldt\b",
    r"\bsygemeldt (?:med|pga\.?|på grund af|for) stress\b",
    r"\b(?:signed off|off sick|on sick leave|on leave) (?:with|because of|due to|for) stress\b",
    r"\bstress leave\b",
    r"\bgoing down with stress\b",
    r"\b(?:bryde|bryder|brød|brudt) sammen\b",
    r"\bfald(?:er|e)? (?:helt )?fra hinanden\b",
    r"\b(?:går|gå) i stykker\b",
    r"\bknæk(?:ker|ket|ke)\b" + END,
    r"\bkørt (?:helt )?(?:ned|i sænk)\b",
    r"\bkører på (?:pumperne|reserverne|dampene|sidste reserve)\b",
    r"\bpå randen\b(?= af (?:et )?sammenbrud|" + END_BODY + r")",
    r"\bnervous breakdown\b",
    r"\bbreaking down\b(?=" + END_BODY + r"| in tears| crying| at work| at my desk)",   # not "breaking down the tasks"
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
    r"\b(?:really|seriously) struggling\b",
    r"\bnot ok(?:ay)?\b" + END,
    r"\bnot doing (?:well|ok|okay|great|good)\b" + END,
    r"\b(?:in|på) (?:a |et )?(?:very |really |so |meget |virkelig )?(?:dark|mørkt) (?:place|sted)\b",
    r"\bhit (?:rock bottom|a wall|the wall)\b" + END,
    r"\bramt muren\b",
    r"\b(?:(?:presset|spændt|strakt|kørt) )?(?:til|på) bristepunktet\b",
    r"\b(?:psykisk|mentalt) (?:helt )?(?:smadret|knust|nedbrudt|i stykker)\b",
    r"\bhader mit liv\b|\bhate my life\b",
    r"\b(?:kan ikke se|ser ingen|har ingen|can't see|see no|have no) (?:nogen |any |a )?(?:fremtid|future)\b" + END,
    # -- "jeg kan ikke mere" about oneself (not "vil ikke mere have møder") ----------------------
    r"\bkan (?:bare |simpelthen |altså |virkelig |snart |ærlig talt )?ikke (?:mere|klare mere|klare det mere|klare det længere|holde det ud(?: mere| længere)?)\b"
    r"(?=" + END_BODY + r"| med (?:det|arbejdet|jobbet|firmaet|stillingen|ledelsen)| på arbejdet| som leder)",
    r"\b(?:orker|magter) (?:bare |simpelthen |altså |virkelig |snart )?ikke(?: mere| længere)?\b" + END,
    r"\bgider ikke (?:mere|længere)\b" + END,
    r"\bvil ikke mere\b" + END,
    r"\bkan ikke overskue (?:noget|nogenting|mere|det hele|hverdagen|noget som helst)\b",
    r"\bvokser mig over hovedet\b",
    r"\b(?:alt|alting|det hele|everything) (?:føles|er|virker|feels|is|seems) " + GAP + r"?"
    r"(?:håbløst|meningsløst|uoverskueligt|for meget|hopeless|pointless|meaningless|too much)\b",
    r"\bfærdig med det hele\b",
    r"\bdone with (?:it all|everything)\b",
    r"\bhelt færdig\b" + END,
    # -- feeling bad / low ----------------------------------------------------------------------------
    r"\bhar det " + GAP + r"{0,2}?(?:ikke|ik) (?:så |særlig |specielt |rigtig |super |helt )?godt\b"
    r"(?=" + END_BODY + r"| psykisk| mentalt| for tiden| i øjeblikket| lige nu| med mig selv)",
    r"\bhar det " + GAP + r"{0,2}?(?:dårligt|skidt|elendigt|ad helvede til|forfærdeligt|svært|hårdt)\b"
    r"(?=" + END_BODY + r"| psykisk| mentalt| for tiden| i øjeblikket| lige nu| med mig selv)",
    r"\b(?:er|føler mig) " + GAP + r"{0,2}?nede\b(?=" + END_BODY + r"| psykisk| mentalt| i perioder| og ked af det)",
    r"\bnedtrykt\b",
    r"\bdeprimeret\b",
    r"\bdepressiv\b",
    r"\bdepressed\b",
    r"\bfeel(?:ing)? " + GAP + r"?(?:awful|terrible|miserable|low|down|hopeless|helpless|worthless|broken|useless|numb|empty|hollow)\b" + END,
    r"\bføler mig " + GAP + r"?(?:håbløs|magtesløs|fortabt|værdiløs|ubrugelig|ødelagt|knust|tom)\b",
    r"\bked af det (?:hele tiden|hver dag|det meste af tiden)\b",
    r"\bselvdestruktiv\w*|\bself destructive\b",
    # -- empty -------------------------------------------------------------------------------------------
    r"\b(?:er|føles) " + GAP + r"{0,2}?tom\b(?=" + END_BODY + r"| indeni| inden i| i hovedet)",
    r"\btom (?:indeni|inden i)\b",
    r"\btom for (?:energi|kræfter|overskud|krudt)\b",
    r"\b(?:intet|ikke mere|ikke noget|ingenting) (?:\w+ )?tilbage at give\b",
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
    r"\bsover (?:kun|max|maks|højst) (?:[1-4]|en|to|tre|fire) timer\b",
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
    # -- panic, anxiety, body ------------------------------------------------------------------------------
    r"\bpanik ?anfald\w*|\bangst ?anfald\w*|\bpanik ?angst\b",
    r"\bpanic attacks?\b",
    r"\b(?:får|fik|har|går i|gik i) panik\b",
    r"\bpanicking\b",
    r"\bhjertebank\w*",
    r"\bhjertet (?:hamrer|galopperer|banker)\b",
    r"\btrykken (?:for|i) brystet\b",
    r"\b(?:chest|heart) (?:is )?(?:pounding|racing|tight)\b",
    r"\btightness in my chest\b",
    r"\bcan't breathe\b",
    r"\bhar (?:fået )?angst\b(?! for)",
    r"\b(?:min|my) (?:angst|anxiety|depression|udbrændthed|burnout)\b",
    r"\banxiety attacks?\b",
    r"\b(?:anxious|angst) (?:hele tiden|all the time|every day|hver dag)\b",
    # -- crying --------------------------------------------------------------------------------------------
    r"\bgræd(?:er|e|t|te)?\b(?! af (?:grin|glæde)| over spildt)",
    r"\btud(?:e|er|ede|et)\b",
    r"\b(?:crying|cry|cried)\b(?! over spilt| of joy| with laughter| shame| for help with)",
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
    r"\bburnout\b",
    r"\budbrændthed\b",
    r"\bhar (?:fået )?stress\b" + END,
    r"\bstress ?symptomer\b",
    r"\bstress ?reaktion\b",
    r"\bsammenbrud\w*",
    r"\bbreakdown\b",                                    # "i'm close to a breakdown", not "a breakdown of the costs"
    r"\bpanic (?:at|when|every|in|during|before|about)\b",   # "i panic at my desk", not "a bit of panic when"
    r"\b(?:en|a|i|in|min|my|med|with) depression\b",
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
]

# --------------------------------------------------------------------------------------
# Word lists for the negation and subject checks
# --------------------------------------------------------------------------------------

NEGATORS = {"ikke", "ik", "ikk", "aldrig", "ingen", "intet", "not", "never", "no", "nope", "nej", "hverken",
            "neither", "nor", "ej"}
# "ikke bare udbrændt" / "not just tired" intensify rather than negate, and "ved ikke om"
# / "don't know if" ask rather than deny.
NOT_A_NEGATION_AFTER = {"bare", "kun", "blot", "just", "only", "merely", "om", "if", "whether", "hvorfor", "why"}
# Words that may stand between a negation and what it negates: "jeg har ALDRIG nogensinde
# haft tanker om selvmord", "I have NEVER really thought about killing myself".
# "jeg tror ikke jeg har ..." negates what follows; "de ved det ikke jeg har ..." does not.
RAISING = {"tror", "synes", "mener", "føler", "think", "believe", "feel", "would", "ville", "siger", "sige", "say"}
NEUTRAL = set("""
har havde haft have has had having er var været være blevet bliver blev er am is are was were been be being
jeg mig i i'm i've i'd i'll me myself selv det it
føler følt følte føle feel felt feeling tænkt tænker tænke tanker tanke tankerne thought thoughts thinking think
overvejet overvejer overveje overvejelser considered considering consider forsøgt prøvet tried attempted
nogen nogle noget nogensinde ever any some tidspunkt point på om about of at to
længere mere anymore longer rigtig rigtigt helt så særlig særligt egentlig egentligt decideret really actually
truly seriously alvorligt alvorlig remotely at all the a an en et like sådan fully completely totally quite
would ville will vil could kunne should skulle do does did gør gjorde gjort
sige siger sagt say said call kalde kaldt describe beskrive beskrevet words ord
aktuelt currently now nu længere anymore haft
""".split())

SELF_WORDS = {"jeg", "jg", "jeh", "mig", "i", "i'm", "i've", "i'd", "i'll", "me", "myself"}
# The writer as subject inside a phrase ("jeg cutter"); "i" is left out, it is also Danish "in".
SUBJECT_WORDS = {"jeg", "jg", "jeh", "i'm", "i've", "i'd", "i'll"}
# Inside a phrase, "mig"/"me" and "my"/"min" also make it the writer's own ("føler mig tom",
# "min depression").
OWN_WORDS = (SELF_WORDS - {"i"}) | {"my", "min", "mit", "mine"}
# Articles and possessives: they start a noun phrase, so the subject is something else.
ARTICLES = set("den det the a an en et it this that these those min mit mine my".split())
# Subjects that make a phrase about someone or something else.
OTHER_WORDS = ARTICLES | set("""
han hun de dem vi os man du dig you he she they them we us his her their our vores deres hans hendes
he's she's they're we're you're it's they've we've he'd she'd they'd we'd
der som who which
arbejdet jobbet firmaet virksomheden forretningen kunden kunderne stressen travlheden projektet
work job company business customer customers client clients project
medarbejder medarbejderen medarbejderne kollega kollegaen kollegerne kolleger folk folkene team teamet
staff employee employees colleague colleagues people everyone everybody alle mange nogle
kone konen mand manden chef chefen leder lederen makker partner wife husband boss manager
branchen markedet økonomien banken planen
""".split())
# Words that may stand between the writer and a strain phrase, or make up a bare phrase
# on their own: "jeg har længe følt mig helt udbrændt", "totally burnt out lately".
LINK = (NEUTRAL | set("""
vil ville kan kunne skal skulle må måtte gerne bare helst lyst til tror synes mærker oplever ved begynder begyndt
gå går gik kommet kommer kom vej mod af med sidste seneste uger måneder dage dag hver morgen aften nat nætter natten
gange gang tit ofte konstant altid hele tiden stadig efterhånden snart igen faktisk også lige lidt meget vildt
ekstremt enormt totalt fuldstændig fuldstændigt ret virkelig måske nok altså jo da næsten allerede endnu tæt
perioder periode lang længe tid fået får fik ønsker ønske gid ganske temmelig
so very pretty kind sort bit little just getting get got gotten become becoming close verge edge heading
towards toward near guess probably maybe starting started start beginning begin still always constantly often
sometimes lately recently again already almost honestly literally absolutely utterly basically these days
weeks months every night day time keep kept keeps can may might gonna going also too definitely want wanna
wish hope feels feel hey well yeah ja okay ok um uh hmm on in with for
krop kroppen hoved hovedet hjerne hjernen nerver nerverne body head brain mind nerves
the a an en et min mit mine my
""".split())) - (OTHER_WORDS - {"the", "a", "an", "en", "et", "min", "mit", "mine", "my"}) - NEGATORS
# (articles and possessives may stand in a linking chain, "on the verge of", because the noun
# after them is not a linking word and stops the walk: "my team is burnt out")



def _spellings(words: Iterable[str]) -> Set[str]:
    """A word list plus the ASCII spellings of its Danish words (tænkt: taenkt, tenkt)."""
    out = set(words)
    for w in words:
        out.add(w.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
        out.add(w.replace("æ", "e").replace("ø", "o").replace("å", "a"))
    return out - {"far"}     # "får" without the ring is "far" (father): keep it out of the lists


NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING = (
    _spellings(ws) for ws in (NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING))

HARD_BOUNDARY = {".", ",", ";", ":", "!", "?", "men", "but", "fordi", "because", "selvom", "although", "though",
                 "mens", "while", "however", "når", "when", "hvis", "if"}
SOFT_BOUNDARY = HARD_BOUNDARY | {"og", "and", "eller", "or"}

# --------------------------------------------------------------------------------------
# Normalising and compiling
# --------------------------------------------------------------------------------------

_REPLACEMENTS = [
    (r"[’‘´`]", "'"),
    (r"[–—]|\s-+\s", " , "),                        # a dash starts a new clause
    (r"(?<=\w)-(?=\w)", " "),                        # self-harm, burn-out, stress-sygemeldt
    (r"[^\w\s'.,;:!?]", " "),
    (r"\b(don|can|won|didn|doesn|isn|wasn|haven|hasn|couldn|wouldn|shouldn|aren|weren)t\b", r"\1't"),
    (r"\bim\b", "i'm"), (r"\bive\b", "i've"), (r"\b(what|that)s\b", r"\1's"), (r"\b(they|you)re\b", r"\1're"),
    (r"\bid (?=never|rather|be|like|love|want|hate)", "i'd "),
    (r"\bi am\b", "i'm"), (r"\bcan ?not\b", "can't"), (r"\bdo not\b", "don't"), (r"\bdid not\b", "didn't"),
    (r"\bwill not\b", "won't"), (r"\bhave not\b", "haven't"), (r"\bany more\b", "anymore"),
    (r"\b(?:ik|ikk|ikek|ikkke|ikkr)\b", "ikke"),
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
    return (pattern.replace("æ", "(?:æ|ae|e)").replace("ø", "(?:ø|oe|o)").replace("å", "(?:å|aa|a)"))


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
_AFTER_NEGATION = re.compile(_fold(
    r"^\w*\s*(?:(?:tanker|thoughts) )?(?:har|havde|have|has|had) (?:jeg |i )?(?:ikke|aldrig|ingen|never|not)\b"
    r"|^\w*\s*(?:thoughts )?(?:er|var|is|was|are|were) (?:ikke|aldrig|not|never) "
    r"(?:noget|aktuelt|et problem|et emne|something|an issue|a problem|relevant|on my mind)\b"
    r"|^\w*\s*(?:thoughts )?(?:isn't|aren't|wasn't|weren't) (?:something|an issue|a problem|relevant|on my mind)\b"
    r"|^\w*\s*\??\s*(?:nej|no|nope)\b"))

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
                break        # "de ved det ikke jeg har tænkt på selvmord": a new clause without a comma
            if following not in NOT_A_NEGATION_AFTER:
                count += 1
        elif word not in NEUTRAL:
            break
        following = word
    if count % 2:
        return True
    after = text[end:]
    if " " not in text[start:end].strip() and re.match(r"^ (?:ikke|aldrig|not|never)\b", after):
        return True          # a verb negated after it: "jeg græder ikke på arbejdet"
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
        for match in pattern.finditer(text):
            yield match


def _blank_idioms(text: str) -> str:
    for pattern in _IDIOMS:
        text = pattern.sub(" idiom ", text)
    return re.sub(r"\s+", " ", text)


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
        if not _negated(clean, m.start(), m.end()) and _about_self(clean, m.start(), m.group(), bare_ok=True):
            return STRAIN
    for m in _hits(_STRAIN_SELF, clean):
        if not _negated(clean, m.start(), m.end()) and _about_self(clean, m.start(), m.group(), bare_ok=False):
            return STRAIN
    return None


__all__ = ["ACUTE", "STRAIN", "tier", "normalise", "ACUTE_PATTERNS", "ACUTE_UNLESS_OTHER", "ACUTE_SELF",
           "STRAIN_PATTERNS", "STRAIN_SELF", "IDIOMS"]
