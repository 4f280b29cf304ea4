"""Station copies and their exchange with the office (issue 15): who a copy is, the journal of
its changes, and (to come) the bundles that carry them."""
