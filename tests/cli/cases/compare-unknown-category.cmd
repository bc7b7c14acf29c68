compare --all --criteria realtime-communication
