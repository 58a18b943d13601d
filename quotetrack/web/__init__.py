"""The read-only web view behind ``quotetrack serve``: page data (:mod:`.data`), charts
(:mod:`.charts`), the Starlette app (:mod:`.app`) and the command (:mod:`.command`)."""
