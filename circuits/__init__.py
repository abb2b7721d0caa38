"""The predicate shelf: example disclosure predicates written on the public circuit DSL.

Importable from the repository root (``masa-zk circuit info circuits.age_over:AgeOver``);
the ``masa_zk`` package never imports from here. See ``README.md`` in this folder.
"""
