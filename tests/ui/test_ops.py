"""Background work ends cleanly (issue #18 §11): a job whose page is gone still
finishes without «Signal source has been deleted», and closing the window while
an export runs stops and waits for it."""

import gc
import threading

from PySide6.QtCore import QThreadPool

from ui.ops import ContextJob


def test_a_job_outliving_its_page_finishes_cleanly(qtbot, ctx):
    release = threading.Event()
    job = ContextJob(ctx.path, ctx.today, lambda c: release.wait(10) and 1)
    job.signals.done.connect(lambda _result: None)
    QThreadPool.globalInstance().start(job)
    del job  # the page holding it was closed
    gc.collect()
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)  # queued signals delivered (or dropped) without an exception


def test_closing_the_window_during_an_export_waits_for_it(main_window, qtbot, tmp_path):
    main_window.show_page("reports")
    page = main_window.page("reports")
    page.set_folder(str(tmp_path))
    page.export()
    worker = page.worker
    assert worker is not None and worker.isRunning()
    main_window.close()
    assert not worker.isRunning()
