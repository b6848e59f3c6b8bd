"""Everything that is a QWidget, a Qt model or a dialog. May import PySide6 and
``desktop_app`` (services, entities, errors); never ``db``, sqlite or SQL.

Where things are: ``app.py`` starts the GUI, ``main_window.py`` assembles the
pages listed in ``pages.py`` (add a page there with one line), one
``*_page.py`` per screen, ``*_model.py`` table models, ``record_form.py`` the
form built from field declarations, ``vi.py`` Vietnamese for Qt's own texts.
"""
