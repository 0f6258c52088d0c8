"""The release's web site: static pages generated from the release's own tables.

:func:`render_site` is called by the publish step, so every release carries ``site/``; ``govmetrics
site`` renders the site of a published release again from its files.
"""

from govmetrics.site.inputs import SITE_DIR, SiteError, read_release_dir, release_inputs
from govmetrics.site.render import release_site, render_site

__all__ = ["SITE_DIR", "SiteError", "read_release_dir", "release_inputs", "release_site", "render_site"]
