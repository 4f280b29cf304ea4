"""What the register tabs share: the paged table model, the tab and dialog bases, field widgets."""
