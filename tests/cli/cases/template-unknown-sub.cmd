template draw x
