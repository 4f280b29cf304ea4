"""The moral bank (道德银行) and its charity market (公益集市), issue 17.

Residents and volunteers earn points (volunteer hours, approved good-deed claims, items of the
office's scheme) and spend them at the counter, on a market day or at partner shops. Every
change is a ledger line (db.bank.ledger); a balance is a sum, never a stored number; a
correction is a reversing line. The modules: settings (rate, notice days, expiry), accounts
(who holds one, finding one at the counter), ledger (writing and summing lines), rules (the
earning items and their caps), volunteering (points from service hours), claims (申报 → 审核 →
公示 → 入账), goods (catalogue and stock), redeeming (the counter), reports (the month),
nominations (the 道德榜样 list for the two committees: no public ranking).
"""
