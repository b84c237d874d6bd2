from .registers import Control, Register, RegisterLevel, Review, Risk, RiskAction, RiskOwner
from .scales import RATING_MAX, RATING_MIN, SCALE_MAX, SCALE_MIN, Band, BandTone, ScaleKind, ScaleLevel

__all__ = [
    "RATING_MAX",
    "RATING_MIN",
    "SCALE_MAX",
    "SCALE_MIN",
    "Band",
    "BandTone",
    "Control",
    "Register",
    "RegisterLevel",
    "Review",
    "Risk",
    "RiskAction",
    "RiskOwner",
    "ScaleKind",
    "ScaleLevel",
]
