"""The window's side of station copies and exchange bundles (issue 15): making a station copy,
exporting and importing bundles off the UI thread, and the office's 待处理冲突."""
