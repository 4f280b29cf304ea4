"""The Qt application of Community Desk: windows, tabs, table models, dialogs, PDF builders."""
