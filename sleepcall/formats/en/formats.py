# As in formats/id: every date-time shown without an explicit format names its zone ("WIB").
DATETIME_FORMAT = "N j, Y, H:i T"
SHORT_DATETIME_FORMAT = "m/d/Y H:i T"
