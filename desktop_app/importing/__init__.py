"""Importing the clerks' spreadsheets (SPEC §6) and writing blank templates.

Qt-free; the CLI and (later) the GUI wizard call ``service.preview`` and
``service.import_file``. Modules, in the order data flows:
``extent`` (a sheet's real size, checked before calamine allocates it), ``reader``
(calamine values; openpyxl fonts only for legacy-font files; CSV),
``legacy`` (TCVN3 / VNI → Unicode), ``layout`` (header rows, column mapping),
``rows`` (raw records, footer rows skipped; wide tables split by year),
``sheet_facts`` (a year said in the title, the money unit), ``refs`` (units by code
or name) + ``validate`` (field, record, duplicate and database checks), with
``matching`` / ``values`` / ``value_map`` (catalogue values read as a person reads
them, the mapping step's questions and remembered answers), ``update`` (update
mode), ``as_of`` (the date a list describes), ``store`` (one transaction),
``errors_book`` (the input marked with its problems), ``template``; ``sniff`` says what a
file no reader can open really is. Writes go through
desktop_app.atomic; a real import is preceded by services.backup.backup_before_import.
May import desktop_app, db and openpyxl/python_calamine; never Qt or ui.
"""
