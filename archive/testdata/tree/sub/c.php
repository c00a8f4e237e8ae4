<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<table id="wm-toolbar"><tr><td class="c"><a href="/web/20130726022052*/http://example.org/2010/06/alert.html">12 captures</a>
<div>1 Jan 2011 - 3 Jan 2019</div></td><td><a href="https://web.archive.org/web/">Wayback Machine</a></td></tr></table>
<!-- END WAYBACK TOOLBAR INSERT -->
<!DOCTYPE html>
<html><head><title>Blog copy of an alert</title></head>
<body><p>A fixture page as saved from the Wayback Machine.</p></body></html>
