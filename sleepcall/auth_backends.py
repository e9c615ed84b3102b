"""The signed-in user comes with their customer or talent profile, in the session's one user query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileModelBackend(ModelBackend):
    """ModelBackend whose `get_user` joins the customer and talent rows: every page asks which one
    the user is (the zone middleware, the workspace gate), and a missing one is then known without
    a query of its own."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("customer", "talent")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
