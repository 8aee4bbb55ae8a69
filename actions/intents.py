"""Intent names shared by the actions, the NLU guard and the domain generator."""

# Requests about the conversation itself. A message with one of these intents
# never fills an answer slot (see the from_text mappings in domain/generated.yml).
CONTROL = (
    "help", "example", "skip", "go_back", "pause", "start_over", "language",
    "resume", "change", "edit", "start", "choose", "distress",
)
# Typed controls are trusted only when they are a trained command phrase, or
# very short and confidently classified;
# button payloads bypass the classifier altogether.
TYPED_CONTROL_MAX_WORDS = 2
TYPED_CONTROL_MIN_CONFIDENCE = 0.7
# Distress may be long, but the classifier must be sure; fixed phrases in
# content/common.yml catch the clear cases whatever the classifier says.
DISTRESS_MIN_CONFIDENCE = 0.7
THEME_PREFIX = "theme_"
