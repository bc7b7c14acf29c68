comapre --all
