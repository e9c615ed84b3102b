"""The customer service desk: customers and talents write to the admin team; agents answer in the admin.

See docs/support-desk.md for the rules (assignment by shift, the abuse shield, quotes, ratings).
"""
