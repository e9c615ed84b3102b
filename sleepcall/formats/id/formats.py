# Date-times shown without an explicit format (the admin's lists and read-only fields) carry the
# zone, "3 Des 2026 21.00 WIB", so staff working across WIB/WITA/WIT never guess. "T" is the zone's name.
DATETIME_FORMAT = "j N Y H.i T"
SHORT_DATETIME_FORMAT = "d-m-Y H.i T"
