"""What a browser test watches on a page: requests to other hosts, console errors."""


class PageWatch:
    """A page plus what it tried to load elsewhere and what it logged as errors."""

    def __init__(self, page, origin):
        self.page = page
        self.origin = origin
        self.external: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()
