"""The signed-in user's read, compiled once per process (sleepcall.user_read), gives exactly what
Django's own `select_related("customer", "talent").get(pk=…)` gives, and asks nothing more after."""

import pytest
from django.contrib.auth.models import User

from sleepcall.auth_backends import ProfileModelBackend
from sleepcall.user_read import user_with_profiles

FIELDS = ("id", "username", "email", "password", "is_active", "is_staff", "is_superuser", "last_login", "date_joined")


def orm(pk: int) -> User:
    return User.objects.select_related("customer", "talent").get(pk=pk)


def same_row(a, b) -> bool:
    return all(getattr(a, f.attname) == getattr(b, f.attname) for f in type(a)._meta.concrete_fields)


def test_a_customer_comes_with_their_profile_and_no_talent(customer, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = user_with_profiles(customer.user_id)
    expected = orm(customer.user_id)
    with django_assert_num_queries(0):
        assert [getattr(user, f) for f in FIELDS] == [getattr(expected, f) for f in FIELDS]
        assert same_row(user, expected)
        assert same_row(user.customer, expected.customer)
        assert user.customer.whatsapp == expected.customer.whatsapp and user.customer.whatsapp.country_code == 62
        assert not hasattr(user, "talent")


def test_a_talent_comes_with_their_profile_and_no_customer(talent, django_assert_num_queries):
    user = user_with_profiles(talent.user_id)
    expected = orm(talent.user_id)
    with django_assert_num_queries(0):
        assert same_row(user, expected) and same_row(user.talent, expected.talent)
        assert user.talent.time_zone == expected.talent.time_zone
        assert not hasattr(user, "customer")


def test_a_staff_member_has_neither_profile(staff, django_assert_num_queries):
    user, expected = user_with_profiles(staff.pk), orm(staff.pk)
    with django_assert_num_queries(0):
        assert same_row(user, expected)
        assert not hasattr(user, "customer") and not hasattr(user, "talent")


def test_an_unknown_id_is_nobody(db):
    assert user_with_profiles(2_000_000_000) is None


def test_the_backend_refuses_an_inactive_user(customer):
    assert ProfileModelBackend().get_user(customer.user_id) == customer.user
    User.objects.filter(pk=customer.user_id).update(is_active=False)
    assert ProfileModelBackend().get_user(customer.user_id) is None


@pytest.mark.parametrize("role", ["customer", "talent"])
def test_a_signed_in_page_reads_the_user_once(client, customer, talent, role, django_assert_num_queries):
    """The zone middleware and the page ask for the profile: the one user query answers both."""
    person = customer if role == "customer" else talent
    client.force_login(person.user)
    client.get("/help/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as read:
        assert client.get("/help/").status_code == 200
    assert sum('FROM "auth_user"' in q["sql"] for q in read.captured_queries) == 1
