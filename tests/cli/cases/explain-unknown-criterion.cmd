explain signal forward-secrecey
