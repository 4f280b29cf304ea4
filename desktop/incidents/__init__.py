"""The incidents register (事件): issue 16."""
