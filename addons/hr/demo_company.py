"""A demo company of 40 people: a management team and five departments, each with its manager,
job positions, a running contract per employee (a few about to end), and an avatar for the cards.
Everything is generated from a seed, so the same seed gives the same company."""
from __future__ import annotations

import base64
import datetime as dt
import io
import random
from typing import Any

from PIL import Image, ImageDraw

FIRST_NAMES = ("Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Leo", "Julia", "Daniel", "Paula", "Pablo",
               "Carmen", "Álvaro", "Elena", "Manuel", "Irene", "Adrián", "Sara", "Diego", "Nerea", "Marc",
               "Alba", "Javier", "Noa", "Raúl", "Vega", "Iker", "Lola", "Bruno", "Olivia", "Gael")
LAST_NAMES = ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
              "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero",
              "Navarro", "Torres", "Domínguez")
# department, its manager's job, the jobs of its members, how many members (manager included)
DEPARTMENTS = (
    ("Management", "Chief Executive Officer", ("Executive Assistant", "Chief Financial Officer"), 3),
    ("Sales", "Sales Manager", ("Account Executive", "Sales Representative"), 9),
    ("Operations", "Operations Manager", ("Warehouse Operator", "Logistics Coordinator"), 9),
    ("Research & Development", "CTO", ("Software Developer", "QA Engineer"), 9),
    ("Customer Support", "Support Manager", ("Support Agent",), 6),
    ("Human Resources", "HR Manager", ("HR Officer",), 4),
)
COLORS = ("#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626")
WAGES = {"Chief Executive Officer": 7000, "CTO": 5200, "Chief Financial Officer": 5200}


def avatar(initials: str, color: str) -> str:
    """A round avatar with the initials, as base64 PNG (as the record API takes images)."""
    image = Image.new("RGB", (128, 128), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, 127, 127), fill=color)
    draw.text((64, 64), initials, fill="white", anchor="mm", font_size=48)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def ascii_login(name: str) -> str:
    return name.lower().translate(str.maketrans("áéíóúñ ", "aeioun.")).replace("&", "")


def generate_company(env: Any, seed: int, today: dt.date) -> Any:
    """Create the departments, jobs, employees and contracts; the employees created."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    company = env.ref("base.main_company")
    Department, Job, Employee = env["hr.department"], env["hr.job"], env["hr.employee"]
    admin_user, demo_user = env.ref("base.user_admin"), env.ref("base.user_demo", raise_if_not_found=False)
    ceo = root = None
    employees = Employee.browse()
    for index, (dept_name, manager_job, member_jobs, size) in enumerate(DEPARTMENTS):
        department = Department.create({"name": dept_name, "parent_id": root.id if root else False,
                                        "company_id": company.id, "color": index + 1})
        jobs = {title: Job.create({"name": title, "department_id": department.id})
                for title in (manager_job, *member_jobs)}
        people = []
        for position in range(size):
            name = names.pop()
            title = manager_job if position == 0 else member_jobs[(position - 1) % len(member_jobs)]
            if dept_name == "Management" and position == 0:
                name = admin_user.name
            if demo_user and dept_name == "Sales" and position == 1:
                name = demo_user.name
            first, last = name.split()[0], name.split()[-1]
            values = {"name": name, "department_id": department.id, "job_id": jobs[title].id,
                      "job_title": title, "company_id": company.id,
                      "work_email": f"{ascii_login(name)}@example.com",
                      "work_phone": f"+34 976 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                      "private_city": rng.choice(("Zaragoza", "Huesca", "Madrid", "Teruel")),
                      "birthday": dt.date(rng.randint(1965, 2001), rng.randint(1, 12), rng.randint(1, 28)),
                      "image_1920": avatar(ascii_login(first[0] + last[0]).upper(),
                                           COLORS[(index + position) % len(COLORS)])}
            if dept_name == "Management" and position == 0:
                values["user_id"] = admin_user.id
            if demo_user and dept_name == "Sales" and position == 1:
                values["user_id"] = demo_user.id
            people.append(values)
        created = Employee.create(people)
        manager = created[0]
        department.manager_id = manager
        manager.parent_id = ceo.id if ceo else False
        (created - manager).write({"parent_id": manager.id, "coach_id": manager.id})
        if root is None:
            root, ceo = department, manager
        employees |= created
    _contracts(env, employees, rng, today)
    return employees


def _contracts(env: Any, employees: Any, rng: random.Random, today: dt.date) -> None:
    values = []
    for number, employee in enumerate(employees, start=1):
        start = today - dt.timedelta(days=rng.randint(60, 2500))
        temporary = number % 8 == 0  # a few fixed-term contracts, some ending within the month
        end = today + dt.timedelta(days=rng.choice((12, 25, 140, 300))) if temporary else False
        wage = WAGES.get(employee.job_title, 1800 + 100 * rng.randint(0, 18))
        values.append({"name": f"{employee.name} – {'Fixed-term' if temporary else 'Permanent'}",
                       "employee_id": employee.id, "job_id": employee.job_id.id, "wage": wage,
                       "date_start": start, "date_end": end, "state": "open",
                       "resource_calendar_id": employee.resource_calendar_id.id})
    env["hr.contract"].create(values)
