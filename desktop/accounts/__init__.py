"""Accounts in the window: the first administrator, signing in, the idle lock, managing accounts.

The rules (password length, lockout, last administrator) live in db.accounts; these dialogs
only collect what is typed, call it in one transaction and show its Chinese messages.
"""

from desktop.accounts.accounts_dialog import AccountsDialog
from desktop.accounts.idle_lock import IdleLock
from desktop.accounts.login_dialog import LoginDialog, sign_in_or_set_up
from desktop.accounts.password_dialog import ChangePasswordDialog
from desktop.accounts.setup_dialog import SetupDialog

__all__ = ["AccountsDialog", "ChangePasswordDialog", "IdleLock", "LoginDialog", "SetupDialog", "sign_in_or_set_up"]
