compare --all --criteria real-time-communication@2023-03
