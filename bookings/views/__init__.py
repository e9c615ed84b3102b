"""The customer's web pages: home, booking, payment, my bookings, the session, and the account."""
