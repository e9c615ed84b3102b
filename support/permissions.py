"""The desk's permissions, by name (the groups that bundle them come from migration 0002)."""

ANSWER = "support.answer_conversation"
VIEW = "support.view_conversation"
HAND_OVER = "support.hand_over_shift"
MANAGE_CANNED = "support.change_cannedreply"
