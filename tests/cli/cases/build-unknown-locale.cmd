build --locale de
