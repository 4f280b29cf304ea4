"""The home page (工作台): the window's first tab, listing what needs doing today."""
