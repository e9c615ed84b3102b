"""Money is an integer number of rupiah; this is how people read it."""


def rupiah(amount: int) -> str:
    """Format as Indonesians write it: Rp 150.000 (dot as the thousands separator)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
