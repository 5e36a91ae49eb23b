"""The peer side of scripts/bench/scheduling.sh, on the files SchedulingBench wrote.

  assignment DIR COUNT SIZE   scipy.optimize.linear_sum_assignment on DIR/matrix-K.f64
  dayplan DIR SECONDS         OR-Tools routing on DIR/peer-instance.json, same objective as the
                              Swift solver (see ObjectiveWeights), writes DIR/peer-routes.json
"""

import json
import sys
import time

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from scipy.optimize import linear_sum_assignment


def assignment(directory, count, size):
    for index in range(count):
        matrix = np.fromfile(f"{directory}/matrix-{index}.f64", dtype="<f8").reshape(size, size)
        started = time.perf_counter()
        rows, columns = linear_sum_assignment(matrix)
        elapsed = time.perf_counter() - started
        print(f"matrix {index} cost {int(matrix[rows, columns].sum())} seconds {elapsed:.4f}")


def dayplan(directory, seconds, first_solution):
    with open(f"{directory}/peer-instance.json") as file:
        instance = json.load(file)
    vehicles, visits, travel = instance["vehicles"], instance["visits"], instance["travel"]
    visit_count, vehicle_count = len(visits), len(vehicles)
    nodes = visit_count + 2 * vehicle_count
    starts = list(range(visit_count, visit_count + vehicle_count))
    ends = list(range(visit_count + vehicle_count, nodes))
    service = [visit["duration"] for visit in visits] + [0] * (2 * vehicle_count)

    manager = pywrapcp.RoutingIndexManager(nodes, vehicle_count, starts, ends)
    routing = pywrapcp.RoutingModel(manager)

    # Travel cost on every arc (an empty route costs nothing, as in the Swift solver).
    weight = instance["travelWeight"]
    travel_cost = routing.RegisterTransitMatrix([[weight * minutes for minutes in row] for row in travel])
    routing.SetArcCostEvaluatorOfAllVehicles(travel_cost)

    # Time: service at the origin + travel; waiting is slack. Work: the same without waiting,
    # from the technician's current load; above the fair share it costs the imbalance weight.
    busy = routing.RegisterTransitMatrix([[service[i] + travel[i][j] for j in range(nodes)] for i in range(nodes)])
    day = 24 * 60
    routing.AddDimension(busy, day, day, False, "time")
    routing.AddDimension(busy, 0, 10 * day, False, "work")
    clock, work = routing.GetDimensionOrDie("time"), routing.GetDimensionOrDie("work")
    for vehicle, spec in enumerate(vehicles):
        for index in (routing.Start(vehicle), routing.End(vehicle)):
            clock.CumulVar(index).SetRange(spec["shiftStart"], spec["shiftEnd"])
        work.CumulVar(routing.Start(vehicle)).SetValue(spec["currentLoad"])
        work.SetCumulVarSoftUpperBound(routing.End(vehicle), instance["fairShare"], instance["imbalanceWeight"])

    for node, visit in enumerate(visits):
        index = manager.NodeToIndex(node)
        clock.CumulVar(index).SetRange(visit["earliestStart"], visit["latestStart"])
        if visit.get("lateAfterStart") is not None:
            clock.SetCumulVarSoftUpperBound(index, visit["lateAfterStart"], visit["latenessWeight"])
        routing.AddDisjunction([index], visit["unassignedPenalty"])
        routing.VehicleVar(index).SetValues([-1] + visit["eligibleVehicles"])

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, first_solution)
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(seconds * 1000))
    started = time.perf_counter()
    solution = routing.SolveWithParameters(parameters)
    elapsed = time.perf_counter() - started
    if solution is None:
        print(f"cost none seconds {elapsed:.3f}")
        return

    routes = []
    for vehicle in range(vehicle_count):
        route = []
        index = solution.Value(routing.NextVar(routing.Start(vehicle)))
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    with open(f"{directory}/peer-routes.json", "w") as file:
        json.dump(routes, file)
    assigned = sum(len(route) for route in routes)
    print(f"cost {solution.ObjectiveValue()} seconds {elapsed:.3f} assigned {assigned} unassigned {visit_count - assigned}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "assignment":
        assignment(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "dayplan":
        dayplan(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(f"unknown mode {mode}")
