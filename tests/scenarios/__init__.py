"""A scenario suite of planted defects: realistic plans an auditor would raise findings on.

Each scenario is a healthy plan with one defect family planted, and the findings an auditor
would raise, written from the standard's intent (issue 15). `_table.SCENARIOS` lists them,
`_plants` plants the defects, `_score` assesses each plan and scores the report's
nonconformities against the expectations. Run `python -m tests.scenarios` for the table.
"""
