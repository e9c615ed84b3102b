"""The signed-in user comes with their customer or talent profile, in the session's one user query."""

from django.contrib.auth.backends import ModelBackend

from sleepcall.user_read import user_with_profiles


class ProfileModelBackend(ModelBackend):
    """ModelBackend whose `get_user` joins the customer and talent rows: every page asks which one
    the user is (the zone middleware, the workspace gate), and a missing one is then known without
    a query of its own. The query is compiled once per process (`sleepcall.user_read`)."""

    def get_user(self, user_id):
        user = user_with_profiles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
