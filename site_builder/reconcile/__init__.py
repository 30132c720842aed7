"""`thutuc reconcile`: the catalogue against the national database's list exports.

read_list (spreadsheet → listed procedures) → executing (who carries each out) → compare (missing,
renamed, not listed) → report (text, JSON) and scaffold (draft files for what is missing).
"""
