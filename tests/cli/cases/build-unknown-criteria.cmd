build --criteria real-time-communication@2020-01
