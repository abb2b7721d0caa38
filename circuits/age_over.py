"""Age ≥ threshold over a Poseidon-committed record.

An issuer hands the holder a record and publishes (or signs) its commitment::

    commitment = poseidon([birth_date, nationality, document_id, salt])

``birth_date`` is a day number (``datetime.date.toordinal()``: days since 0001-01-01, so
no date needs a sign), ``nationality`` an ISO 3166-1 numeric code, ``document_id`` any
field element and ``salt`` a random field element that hides the record. The holder
proves, revealing nothing but the public inputs, that the committed birth date is at
least ``min_age_days`` days before ``today``::

    birth_date <= today - min_age_days        (as integers, all below 2^DATE_BITS)

The verifier picks ``today`` and ``min_age_days``; :func:`min_age_days` turns "N calendar
years on ``today``" into days, so the predicate is exact for birthdays (a holder born on
29 February turns N on 1 March in non-leap years).

Soundness: the comparison is on field elements, so everything it reads is range-checked
(``assert_le`` range-checks ``birth_date`` and the cutoff ``today - min_age_days`` to
``DATE_BITS`` bits, then their difference). Without that a "birth date" of ``r - 1``
(that is, -1) would be before every date; a ``min_age_days`` above ``today`` would make
the cutoff wrap to a huge field element — here both make the circuit unsatisfiable.

Cost: Poseidon(4) 297 + ``assert_le`` on 22 bits 66 = **363** constraints.

Run ``masa-zk circuit info circuits.age_over:AgeOver`` from the repository root to see it.
"""

from __future__ import annotations

import datetime
import secrets

from masa_zk import Fr
from masa_zk import poseidon as native_poseidon
from masa_zk.circuit import Api, Circuit, Private, Public, Scalar
from masa_zk.gadgets import assert_le, poseidon

#: Day numbers up to 9999-12-31 (``toordinal()`` = 3652059 < 2^22).
DATE_BITS = 22


class AgeOver(Circuit):
    """The committed record's ``birth_date`` is at least ``min_age_days`` before ``today``."""

    commitment: Public[Scalar]  # poseidon([birth_date, nationality, document_id, salt])
    today: Public[Scalar]  # day number (date.toordinal())
    min_age_days: Public[Scalar]  # see min_age_days(today, years)
    birth_date: Private[Scalar]
    nationality: Private[Scalar]
    document_id: Private[Scalar]
    salt: Private[Scalar]

    def define(self, api: Api) -> None:
        with api.scope("commitment"):
            record = [self.birth_date, self.nationality, self.document_id, self.salt]
            api.assert_equal(poseidon(api, record), self.commitment)
        with api.scope("age"):
            # birth_date, the cutoff and their difference all range-checked (3·22).
            assert_le(api, self.birth_date, self.today - self.min_age_days, DATE_BITS)


def commit(birth_date: int, nationality: int, document_id: int, salt: int) -> int:
    """The record's commitment, as the issuer computes it (outside any circuit).

    >>> commit(1, 2, 3, 4) == native_poseidon([1, 2, 3, 4])
    True
    """
    return native_poseidon([birth_date, nationality, document_id, salt])


def min_age_days(today: datetime.date, years: int) -> int:
    """Days between ``today`` and the same day ``years`` calendar years earlier.

    ``birth <= today - min_age_days(today, n)`` is then "``n`` years old on ``today``" (a
    holder born on 29 February has a birthday on 1 March in non-leap years).

    >>> min_age_days(datetime.date(2026, 3, 10), 18)   # 18·365 + 4 leap days (2012..2024)
    6574
    >>> min_age_days(datetime.date(2025, 3, 1), 1)     # from 2024-03-01
    365
    >>> min_age_days(datetime.date(2024, 2, 29), 1)    # from 2023-02-28
    366
    """
    try:
        then = today.replace(year=today.year - years)
    except ValueError:  # today is 29 February, the earlier year has none: born by the 28th
        then = datetime.date(today.year - years, 2, 28)
    return today.toordinal() - then.toordinal()


def inputs(
    birth: datetime.date,
    today: datetime.date,
    years: int,
    nationality: int = 276,
    document_id: int = 123456789,
    salt: int | None = None,
) -> dict[str, int]:
    """A full input assignment for :class:`AgeOver` (a fresh random salt by default).

    >>> i = inputs(datetime.date(2000, 1, 1), datetime.date(2026, 3, 10), 18, salt=7)
    >>> i["today"] - i["min_age_days"] >= i["birth_date"]
    True
    """
    salt = secrets.randbelow(Fr.MODULUS) if salt is None else salt
    b = birth.toordinal()
    return {
        "commitment": commit(b, nationality, document_id, salt),
        "today": today.toordinal(),
        "min_age_days": min_age_days(today, years),
        "birth_date": b,
        "nationality": nationality,
        "document_id": document_id,
        "salt": salt,
    }
